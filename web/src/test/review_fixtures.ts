// Review back-office fixtures shaped exactly like the issue-4 contract: staff principals, a queue
// summary, a full case (holder view and masked supervisor view), the reason taxonomy, supervisor
// statistics and webhook endpoints/deliveries.
import type {
  CaseSummary,
  ReasonInfo,
  ReviewCase,
  ReviewStats,
  WebhookDelivery,
  WebhookEndpoint,
} from '../api/review_types';

export const kReviewerMe = {
  kind: 'staff',
  id: 'stf_rev',
  email: 'reviewer@example.test',
  roles: ['reviewer'],
  store_id: null,
  locale: 'en',
  created_at: '2025-01-02T03:04:05Z',
} as const;

export const kSupervisorMe = { ...kReviewerMe, id: 'stf_sup', email: 'supervisor@example.test', roles: ['reviewer', 'supervisor'] } as const;

/** An ISO instant `minutes` from now (negative = past). */
export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

export function summary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'app_1',
    channel: 'online',
    document_type: 'cn_resident_id',
    status: 'submitted',
    submitted_at: '2026-11-20T08:00:00.000Z',
    due_at: inMinutes(3 * 24 * 60),
    overdue: false,
    flags: [],
    submission_count: 1,
    escalated: false,
    claim: null,
    full_name_masked: 'W*** X******',
    document_number_masked: '**************0025',
    ...overrides,
  };
}

export function reviewCase(overrides: Partial<ReviewCase> = {}): ReviewCase {
  return {
    ...summary({ status: 'in_review', claim: { staff_id: 'stf_rev', lease_expires_at: inMinutes(15), mine: true } }),
    profile_id: 'cn',
    masked: false,
    identity: {
      full_name: 'WANG XIAOMEI',
      date_of_birth: '1990-03-07',
      sex: 'F',
      nationality: 'CN',
      address: '1 Dongchang’an Avenue, Beijing',
      document_type: 'cn_resident_id',
      document_number: '110105199003070025',
      document_expiry: '2036-03-07',
      contact_phone: '+8613912345678',
    },
    lines: [{ id: 'line_1', msisdn_masked: '+86*******5678', status: 'pending' }],
    documents: [
      {
        kind: 'id_front',
        width: 1200,
        height: 760,
        uploaded_at: '2026-11-20T07:55:00.000Z',
        quality: { accepted: true, reasons: [], measurements: { sharpness: 412.345 } },
        url: '/api/v1/review/cases/app_1/documents/id_front',
      },
      {
        kind: 'id_back',
        width: 1200,
        height: 760,
        uploaded_at: '2026-11-20T07:56:00.000Z',
        quality: { accepted: true, reasons: [] },
        url: '/api/v1/review/cases/app_1/documents/id_back',
      },
      {
        kind: 'selfie',
        width: 800,
        height: 1000,
        uploaded_at: '2026-11-20T07:57:00.000Z',
        quality: { accepted: true, reasons: [] },
        url: '/api/v1/review/cases/app_1/documents/selfie',
      },
    ],
    validation: { valid: true, errors: [] },
    checks: {
      duplicates: [],
      registered_lines_same_document: 0,
      cap: { limit: 5, would_hold: 1, exceeded: false },
      cross_field: { applicable: true, date_of_birth_matches: true, sex_matches: true },
    },
    escalation: null,
    history: [
      { from: 'draft', to: 'submitted', actor: 'subscriber', at: '2026-11-20T08:00:00.000Z' },
      { from: 'submitted', to: 'in_review', actor: 'staff', at: '2026-11-20T09:00:00.000Z' },
    ],
    previous_decisions: [],
    ...overrides,
  };
}

export const kMaskedIdentity = {
  full_name: 'W*** X******',
  date_of_birth: '****-**-07',
  sex: '*',
  nationality: '**',
  address: '1*****g',
  document_type: 'cn_resident_id',
  document_number: '**************0025',
  document_expiry: '****-**-**',
  contact_phone: '**********5678',
};

function reason(code: string, severity: 'fixable' | 'final', category: string, en: string, zh: string): ReasonInfo {
  return {
    code,
    severity,
    category,
    text: { en: { message: en, hint: `${en} (hint)` }, 'zh-CN': { message: zh, hint: `${zh}（提示）` } },
  };
}

export const kReasons: ReasonInfo[] = [
  reason('image.blurred', 'fixable', 'image', 'The photo is blurred.', '照片模糊。'),
  reason('image.glare', 'fixable', 'image', 'There is glare on the document.', '证件上有反光。'),
  reason('document.expired', 'fixable', 'document', 'The document has expired.', '证件已过期。'),
  reason('data.name_mismatch', 'fixable', 'data', 'The name does not match the document.', '姓名与证件不符。'),
  reason('document.forged', 'final', 'document', 'The document appears forged.', '证件疑似伪造。'),
  reason('identity.fraud_suspected', 'final', 'identity', 'Fraud is suspected.', '涉嫌欺诈。'),
];

export const kStats: ReviewStats = {
  queue_depth: 42,
  due_today: 7,
  overdue: 3,
  claimed: 5,
  time_to_decision_seconds: { median: 245, p90: 7260, count: 120 },
  decisions_per_reviewer: [{ reviewer_id: 'stf_rev', email: 'reviewer@example.test', decisions: 30, per_hour: 1.25 }],
  mix: [
    { outcome: 'approved', reason: null, count: 90 },
    { outcome: 'resubmission_requested', reason: 'image.blurred', count: 20 },
    { outcome: 'rejected', reason: 'document.forged', count: 10 },
  ],
  window_hours: 24,
};

export const kEndpoint: WebhookEndpoint = {
  id: 'whk_1',
  url: 'https://billing.example.test/hooks',
  events: ['application.decided', 'sim.status_changed'],
  active: true,
  created_at: '2026-11-01T10:00:00.000Z',
  secret_hint: '…a1b2',
};

export const kDelivery: WebhookDelivery = {
  id: 'dlv_1',
  event_id: 'evt_1',
  event_type: 'application.decided',
  status: 'delivered',
  attempts: [
    { at: '2026-11-20T10:00:00.000Z', status_code: 500, error: null, duration_ms: 35 },
    { at: '2026-11-20T10:00:30.000Z', status_code: null, error: 'connection refused', duration_ms: 2 },
    { at: '2026-11-20T10:01:30.000Z', status_code: 204, error: null, duration_ms: 12 },
  ],
  next_attempt_at: null,
  created_at: '2026-11-20T10:00:00.000Z',
  delivered_at: '2026-11-20T10:01:30.000Z',
};
