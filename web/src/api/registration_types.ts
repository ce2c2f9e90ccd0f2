// Wire types of the online-registration API (issue 3 contract): the jurisdiction profile, SIM
// lines, applications and document quality reports. They mirror the server's JSON exactly (snake_case);
// pages read them through the helpers in src/registration/, never by guessing shapes.
import type { Locale } from './types';

/** A text the profile gives per UI language, e.g. {"en": "Passport", "zh-CN": "护照"}. */
export type LocalizedText = Partial<Record<Locale, string>> & Record<string, string | undefined>;

export const kImageKinds = ['id_front', 'id_back', 'passport', 'selfie'] as const;
export type ImageKind = (typeof kImageKinds)[number];

export const kLineStatuses = ['unregistered', 'pending', 'registered', 'restricted', 'frozen', 'cancelled'] as const;
export type LineStatus = (typeof kLineStatuses)[number];

export const kApplicationStatuses = ['draft', 'submitted', 'in_review', 'approved', 'rejected', 'resubmission_requested'] as const;
export type ApplicationStatus = (typeof kApplicationStatuses)[number];

export type Actor = 'subscriber' | 'staff' | 'system';

export interface DocumentTypeProfile {
  id: string;
  label: LocalizedText;
  validator: string;
  images: ImageKind[];
  expiry_required: boolean;
  /** ISO 3166-1 alpha-2 codes of holders this document is accepted for; null = any nationality. */
  nationalities: string[] | null;
  number_hint?: LocalizedText;
}

export interface JurisdictionProfile {
  id: string;
  country: string;
  name: LocalizedText;
  languages: Locale[];
  default_language: Locale;
  utc_offset_minutes: number;
  minimum_age: number;
  minors?: { policy: string; message: LocalizedText };
  sim_cap_per_person: number | null;
  review_business_days: number;
  unregistered_restriction_days: number;
  declaration: LocalizedText;
  identity_fields: string[];
  document_types: DocumentTypeProfile[];
}

export interface Line {
  id: string;
  msisdn: string;
  iccid_last4: string;
  status: LineStatus;
  activated_at: string | null;
  registration_deadline: string | null;
  linked_at: string | null;
  application_id: string | null;
}

export interface LinkStarted {
  msisdn: string;
  expires_in_seconds: number;
  resend_after_seconds: number;
}

/** Identity values by field name (full_name, date_of_birth, sex, …); null or absent = not given. */
export type Identity = Record<string, string | null | undefined>;

export interface StoredDocument {
  accepted: boolean;
  uploaded_at: string;
  measurements?: Record<string, unknown>;
}

export interface QualityReason {
  code: string;
  message: string;
  hint: string;
}

export interface QualityReport {
  kind: ImageKind;
  accepted: boolean;
  reasons: QualityReason[];
  measurements?: Record<string, unknown>;
  uploaded_at?: string;
}

export interface DecisionReason {
  code: string;
  /** fixable (resubmission) or final (rejection), from the shared reason taxonomy. */
  severity?: 'fixable' | 'final';
  /** The server's text for the reason in the subscriber's language, when it has one. */
  message?: string;
  /** What to do about it, in the same language. */
  hint?: string;
}

export interface Decision {
  outcome: 'approved' | 'rejected' | 'resubmission_requested';
  reasons: DecisionReason[];
  note: string | null;
}

export interface HistoryEntry {
  status: ApplicationStatus;
  at: string;
  actor: Actor;
}

export interface Application {
  id: string;
  status: ApplicationStatus;
  channel: string;
  line_ids: string[];
  lines: Line[];
  identity: Identity;
  documents: Partial<Record<ImageKind, StoredDocument>>;
  required_documents: ImageKind[];
  /** JSON pointers of what is still needed: "/identity/full_name", "/documents/selfie", … */
  missing: string[];
  submitted_at: string | null;
  due_at: string | null;
  decided_at: string | null;
  decision: Decision | null;
  history: HistoryEntry[];
  created_at: string;
  updated_at: string;
}

export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  line_ids?: string[];
  submitted_at?: string | null;
  due_at?: string | null;
  created_at?: string;
  updated_at?: string;
}

export interface ApplicationPatch {
  line_ids?: string[];
  identity?: Identity;
}
