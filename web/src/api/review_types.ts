// Wire types of the issue-4 back office: the review queue, cases, decisions, reason taxonomy,
// supervisor statistics, quality samples and the admin webhooks API. They mirror the server's JSON
// exactly (snake_case); review pages read them through src/review/, never by guessing shapes.
import type { ImageKind, LineStatus, ApplicationStatus } from './registration_types';
import type { Locale, StaffRole } from './types';

export type ReviewOutcome = 'approve' | 'reject' | 'request_resubmission';
export type DecidedOutcome = 'approved' | 'rejected' | 'resubmission_requested';
export type Severity = 'fixable' | 'final';
export type CaseFlag = 'duplicate_document' | 'cap_exceeded' | 'cross_field_mismatch';

export interface CaseClaim {
  staff_id: string;
  lease_expires_at: string;
  mine: boolean;
}

export interface CaseSummary {
  id: string;
  channel: string;
  document_type: string | null;
  status: ApplicationStatus;
  submitted_at: string | null;
  due_at: string | null;
  overdue: boolean;
  flags: string[];
  submission_count: number;
  escalated: boolean;
  claim: CaseClaim | null;
  full_name_masked: string | null;
  document_number_masked: string | null;
}

export interface QueueCounts {
  total: number;
  overdue: number;
  due_today: number;
  flagged: number;
  resubmissions: number;
  escalated: number;
  claimed: number;
}

export interface QueueResponse {
  items: CaseSummary[];
  counts: QueueCounts;
}

export interface QueueFilters {
  channel?: string;
  document_type?: string;
  flagged?: boolean;
  resubmission?: boolean;
  escalated?: boolean;
  limit?: number;
}

export interface CaseReasonText {
  code: string;
  severity?: Severity;
  message: string;
  hint: string;
}

export interface CaseDocument {
  kind: ImageKind;
  width: number | null;
  height: number | null;
  uploaded_at: string | null;
  quality: {
    accepted: boolean;
    reasons: CaseReasonText[];
    measurements?: Record<string, unknown>;
  } | null;
  url: string;
}

export interface CaseLine {
  id: string;
  msisdn_masked: string;
  status: LineStatus;
}

export interface CaseChecks {
  duplicates: Array<{ application_id: string; status: ApplicationStatus; same_subscriber: boolean }>;
  registered_lines_same_document: number;
  cap: { limit: number | null; would_hold: number; exceeded: boolean };
  cross_field: { applicable: boolean; date_of_birth_matches: boolean | null; sex_matches: boolean | null };
}

export interface CaseHistoryEntry {
  from: string | null;
  to: string;
  actor: string;
  at: string;
}

export interface PreviousDecision {
  outcome: DecidedOutcome;
  reasons: CaseReasonText[];
  note: string | null;
  decided_at: string;
  reviewer_id: string | null;
}

export const kIdentityFields = [
  'full_name',
  'date_of_birth',
  'sex',
  'nationality',
  'address',
  'document_type',
  'document_number',
  'document_expiry',
  'contact_phone',
] as const;
export type IdentityField = (typeof kIdentityFields)[number];

export interface ReviewCase extends CaseSummary {
  profile_id: string;
  masked: boolean;
  identity: Partial<Record<IdentityField, string | null>>;
  lines: CaseLine[];
  documents: CaseDocument[];
  validation: { valid: boolean; errors: Array<{ field: string; code: string }> };
  checks: CaseChecks;
  escalation: { by: string; note: string | null; at: string } | null;
  history: CaseHistoryEntry[];
  previous_decisions: PreviousDecision[];
}

export interface DecisionResult {
  application_id: string;
  status: ApplicationStatus;
  decision: {
    outcome: DecidedOutcome;
    reasons: CaseReasonText[];
    note: string | null;
    decided_at: string;
    reviewer_id: string;
  };
}

export interface ReasonInfo {
  code: string;
  severity: Severity;
  category: string;
  text: Partial<Record<Locale, { message: string; hint: string }>>;
}

export interface Reviewer {
  id: string;
  email: string;
  roles: StaffRole[];
}

export interface ReviewStats {
  queue_depth: number;
  due_today: number;
  overdue: number;
  claimed: number;
  time_to_decision_seconds: { median: number | null; p90: number | null; count: number };
  decisions_per_reviewer: Array<{ reviewer_id: string; email: string; decisions: number; per_hour: number }>;
  mix: Array<{ outcome: DecidedOutcome | string; reason: string | null; count: number }>;
  window_hours: number;
}

export interface SampleCase {
  sample_id: string;
  case: ReviewCase;
}

export interface SampleReport {
  items: Array<{ reviewer_id: string; email: string; sampled: number; reviewed: number; disagreements: number }>;
}

export const kWebhookEvents = ['application.submitted', 'application.decided', 'sim.status_changed'] as const;
export type WebhookEvent = (typeof kWebhookEvents)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  created_at: string;
  secret_hint: string;
}

export interface CreatedWebhook extends WebhookEndpoint {
  secret: string;
}

export interface DeliveryAttempt {
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhookDelivery {
  id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}
