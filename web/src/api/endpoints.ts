// Typed calls for every route of the milestone-1, issue-3 and issue-4 contracts, built on one ApiClient.
// Each function returns the decoded body or throws ApiError; nothing here touches the DOM.
// Personal values (MSISDN, codes, identity) travel only in request bodies, never in URLs.
import type { ApiClient } from './client';
import type {
  Application,
  ApplicationPatch,
  ApplicationSummary,
  ImageKind,
  JurisdictionProfile,
  Line,
  LinkStarted,
  QualityReport,
} from './registration_types';
import type {
  CaseSummary,
  CreatedWebhook,
  DecisionResult,
  IdentityField,
  QueueFilters,
  QueueResponse,
  ReasonInfo,
  ReviewCase,
  ReviewOutcome,
  Reviewer,
  ReviewStats,
  SampleCase,
  SampleReport,
  WebhookDelivery,
  WebhookEndpoint,
} from './review_types';
import type { UploadProgress } from './upload_transport';
import type { CreatedStaff, Locale, Me, OutboxMessage, Staff, StaffRole } from './types';

export interface AccountResponse {
  account: Me;
}

/** "?channel=online&flagged=true" from the set filters only (no personal values: codes and flags). */
export function queueQuery(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.channel !== undefined && filters.channel !== '') params.set('channel', filters.channel);
  if (filters.document_type !== undefined && filters.document_type !== '') params.set('document_type', filters.document_type);
  for (const flag of ['flagged', 'resubmission', 'escalated'] as const) {
    const value = filters[flag];
    if (value !== undefined) params.set(flag, value ? 'true' : 'false');
  }
  if (filters.limit !== undefined) params.set('limit', String(filters.limit));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const caseBase = (id: string) => `/api/v1/review/cases/${encodeURIComponent(id)}`;

// Body-less POSTs send `{}` so every unsafe request is uniformly application/json.
export function createApi(client: ApiClient) {
  const rotates = { rotatesCsrf: true };
  return {
    signup: (email: string, password: string, locale: Locale) =>
      client.post<{ status: 'verification_required' }>('/api/v1/auth/signup', { email, password, locale }),
    verifyEmail: (email: string, code: string) =>
      client.post<{ status: 'verified' }>('/api/v1/auth/verify-email', { email, code }),
    resendVerification: (email: string) =>
      client.post<{ status: 'sent_if_pending' }>('/api/v1/auth/resend-verification', { email }),
    login: (email: string, password: string) =>
      client.post<AccountResponse>('/api/v1/auth/login', { email, password }, rotates),
    logout: () => client.post<void>('/api/v1/auth/logout', {}, rotates),
    requestPasswordReset: (email: string) =>
      client.post<{ status: 'sent_if_registered' }>('/api/v1/auth/password-reset', { email }),
    confirmPasswordReset: (email: string, code: string, newPassword: string) =>
      client.post<{ status: 'password_changed' }>(
        '/api/v1/auth/password-reset/confirm',
        { email, code, new_password: newPassword },
        rotates,
      ),
    changePassword: (currentPassword: string, newPassword: string) =>
      client.post<AccountResponse>(
        '/api/v1/auth/password',
        { current_password: currentPassword, new_password: newPassword },
        rotates,
      ),
    me: () => client.get<Me>('/api/v1/me'),
    setLocale: (locale: Locale) => client.patch<Me>('/api/v1/me', { locale }),

    staffLogin: (email: string, password: string, totp: string) =>
      client.post<AccountResponse>('/api/v1/staff/auth/login', { email, password, totp }, rotates),
    staffChangePassword: (email: string, password: string, newPassword: string, totp: string) =>
      client.post<AccountResponse>(
        '/api/v1/staff/auth/password',
        { email, password, new_password: newPassword, totp },
        rotates,
      ),

    listStaff: () => client.get<{ items: Staff[] }>('/api/v1/admin/staff'),
    addStaff: (email: string, roles: StaffRole[], storeId: string | null) =>
      client.post<CreatedStaff>(
        '/api/v1/admin/staff',
        storeId === null ? { email, roles } : { email, roles, store_id: storeId },
      ),
    disableStaff: (id: string) =>
      client.post<{ staff: Staff }>(`/api/v1/admin/staff/${encodeURIComponent(id)}/disable`, {}),
    enableStaff: (id: string) =>
      client.post<{ staff: Staff }>(`/api/v1/admin/staff/${encodeURIComponent(id)}/enable`, {}),
    setStaffRoles: (id: string, roles: StaffRole[]) =>
      client.put<{ staff: Staff }>(`/api/v1/admin/staff/${encodeURIComponent(id)}/roles`, { roles }),

    jurisdiction: () => client.get<JurisdictionProfile>('/api/v1/jurisdiction'),
    listLines: () => client.get<{ lines: Line[] }>('/api/v1/sims'),
    startLink: (msisdn: string) => client.post<LinkStarted>('/api/v1/sims/link', { msisdn }),
    confirmLink: (msisdn: string, code: string) => client.post<{ line: Line }>('/api/v1/sims/link/confirm', { msisdn, code }),
    createApplication: (lineIds: string[]) => client.post<Application>('/api/v1/applications', { line_ids: lineIds }),
    listApplications: () => client.get<{ applications: ApplicationSummary[] }>('/api/v1/applications'),
    getApplication: (id: string) => client.get<Application>(`/api/v1/applications/${encodeURIComponent(id)}`),
    updateApplication: (id: string, patch: ApplicationPatch) =>
      client.patch<Application>(`/api/v1/applications/${encodeURIComponent(id)}`, patch),
    uploadDocument: (id: string, kind: ImageKind, image: Blob, contentType: string, onProgress?: UploadProgress) =>
      client.upload<QualityReport>(
        `/api/v1/applications/${encodeURIComponent(id)}/documents/${encodeURIComponent(kind)}`,
        image,
        contentType,
        onProgress,
      ),
    submitApplication: (id: string) =>
      client.post<Application>(`/api/v1/applications/${encodeURIComponent(id)}/submit`, { declaration_accepted: true }),

    reviewQueue: (filters: QueueFilters) => client.get<QueueResponse>(`/api/v1/review/queue${queueQuery(filters)}`),
    /** The most urgent claimable case, claimed; undefined when the server answers 204 (queue empty). */
    reviewNext: (filters: { channel?: string; document_type?: string } = {}) =>
      client.post<ReviewCase | undefined>('/api/v1/review/next', filters),
    getCase: (id: string) => client.get<ReviewCase>(caseBase(id)),
    claimCase: (id: string) => client.post<ReviewCase>(`${caseBase(id)}/claim`, {}),
    renewCase: (id: string) => client.post<{ lease_expires_at: string }>(`${caseBase(id)}/renew`, {}),
    releaseCase: (id: string) => client.post<void>(`${caseBase(id)}/release`, {}),
    unmaskCase: (id: string, fields: IdentityField[]) =>
      client.post<{ identity: Partial<Record<IdentityField, string | null>> }>(`${caseBase(id)}/unmask`, { fields }),
    decideCase: (id: string, outcome: ReviewOutcome, reasons: string[], note: string) =>
      client.post<DecisionResult>(
        `${caseBase(id)}/decision`,
        note.trim() === '' ? { outcome, reasons } : { outcome, reasons, note: note.trim() },
      ),
    escalateCase: (id: string, note: string) =>
      client.post<ReviewCase>(`${caseBase(id)}/escalate`, note.trim() === '' ? {} : { note: note.trim() }),
    reassignCase: (id: string, staffId: string | null) => client.post<CaseSummary>(`${caseBase(id)}/reassign`, { staff_id: staffId }),
    reviewReasons: () => client.get<{ reasons: ReasonInfo[] }>('/api/v1/review/reasons'),
    reviewers: () => client.get<{ items: Reviewer[] }>('/api/v1/review/reviewers'),
    reviewStats: () => client.get<ReviewStats>('/api/v1/review/stats'),
    /** A sampled approval to review again; undefined on 204 (nothing to sample). */
    nextSample: () => client.post<SampleCase | undefined>('/api/v1/review/samples/next', {}),
    sampleVerdict: (sampleId: string, agree: boolean, reasons: string[], note: string) =>
      client.post<unknown>(`/api/v1/review/samples/${encodeURIComponent(sampleId)}/verdict`, {
        agree,
        ...(reasons.length > 0 ? { reasons } : {}),
        ...(note.trim() !== '' ? { note: note.trim() } : {}),
      }),
    sampleReport: () => client.get<SampleReport>('/api/v1/review/samples/report'),

    listWebhooks: () => client.get<{ items: WebhookEndpoint[] }>('/api/v1/admin/webhooks'),
    addWebhook: (url: string, events: string[], secret: string) =>
      client.post<CreatedWebhook>('/api/v1/admin/webhooks', secret === '' ? { url, events } : { url, events, secret }),
    deleteWebhook: (id: string) => client.request<void>('DELETE', `/api/v1/admin/webhooks/${encodeURIComponent(id)}`),
    webhookDeliveries: (id: string) =>
      client.get<{ items: WebhookDelivery[] }>(`/api/v1/admin/webhooks/${encodeURIComponent(id)}/deliveries?limit=50`),
    redeliverWebhook: (id: string, deliveryId: string) =>
      client.post<WebhookDelivery>(
        `/api/v1/admin/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
      ),

    demoOutbox: (to: string) =>
      client.get<{ items: OutboxMessage[] }>(
        to.trim() === '' ? '/api/v1/demo/outbox' : `/api/v1/demo/outbox?to=${encodeURIComponent(to.trim())}`,
      ),
  };
}

export type Api = ReturnType<typeof createApi>;
