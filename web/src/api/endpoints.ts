// Typed calls for every route of the milestone-1 and issue-3 contracts, built on one ApiClient.
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
import type { UploadProgress } from './upload_transport';
import type { CreatedStaff, Locale, Me, OutboxMessage, Staff, StaffRole } from './types';

export interface AccountResponse {
  account: Me;
}

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

    demoOutbox: (to: string) =>
      client.get<{ items: OutboxMessage[] }>(
        to.trim() === '' ? '/api/v1/demo/outbox' : `/api/v1/demo/outbox?to=${encodeURIComponent(to.trim())}`,
      ),
  };
}

export type Api = ReturnType<typeof createApi>;
