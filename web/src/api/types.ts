// Wire types of the simreg HTTP API (milestone 1 contract), shared by pages and tests.
// These mirror the server's JSON exactly; keep field names in snake_case as sent.
export type Locale = 'en' | 'zh-CN';

export const kStaffRoles = ['admin', 'reviewer', 'supervisor', 'store_agent', 'support', 'compliance'] as const;
export type StaffRole = (typeof kStaffRoles)[number];

export interface SubscriberMe {
  kind: 'subscriber';
  id: string;
  email: string;
  email_verified: boolean;
  locale: Locale;
  created_at: string;
}

export interface StaffMe {
  kind: 'staff';
  id: string;
  email: string;
  roles: StaffRole[];
  store_id: string | null;
  locale: Locale;
  created_at: string;
}

export type Me = SubscriberMe | StaffMe;

export interface Staff {
  id: string;
  email: string;
  roles: StaffRole[];
  status: 'active' | 'disabled';
  store_id: string | null;
  created_at: string;
  last_login_at: string | null;
}

export interface CreatedStaff {
  staff: Staff;
  one_time_password: string;
  totp_uri: string;
}

export interface OutboxMessage {
  id: string;
  to: string;
  channel: 'email' | 'sms';
  template: string;
  status: string;
  created_at: string;
  subject: string;
  body: string;
}
