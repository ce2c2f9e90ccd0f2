// Profile, line and application fixtures for registration tests, shaped exactly like the issue-3
// contract. Two profiles that differ where the UI must follow them: cn (Chinese and English, ID
// card front+back, sex and contact phone asked) and ph (English only, four documents, no contact
// phone, expiry optional for the UMID).
import type { Application, JurisdictionProfile, Line } from '../api/registration_types';

export const kCnProfile: JurisdictionProfile = {
  id: 'cn',
  country: 'CN',
  name: { en: 'China', 'zh-CN': '中国' },
  languages: ['zh-CN', 'en'],
  default_language: 'zh-CN',
  utc_offset_minutes: 480,
  minimum_age: 16,
  minors: {
    policy: 'in_store_with_guardian',
    message: { en: 'Under-16s register in a store with a parent or guardian.', 'zh-CN': '未满 16 周岁请由监护人陪同到营业厅办理。' },
  },
  sim_cap_per_person: 5,
  review_business_days: 2,
  unregistered_restriction_days: 30,
  declaration: {
    en: 'I declare that the information I have given is true and that I am the user of these lines.',
    'zh-CN': '本人声明所填信息真实有效，并确认本人为上述号码的实际使用人。',
  },
  identity_fields: ['full_name', 'date_of_birth', 'sex', 'nationality', 'address', 'document_type', 'document_number', 'document_expiry', 'contact_phone'],
  document_types: [
    {
      id: 'cn_resident_id',
      label: { en: 'Resident Identity Card', 'zh-CN': '居民身份证' },
      validator: 'cn_resident_id',
      images: ['id_front', 'id_back', 'selfie'],
      expiry_required: true,
      nationalities: ['CN'],
      number_hint: { en: '18 characters, the last may be X', 'zh-CN': '18 位，最后一位可能是 X' },
    },
    {
      id: 'passport',
      label: { en: 'Passport', 'zh-CN': '护照' },
      validator: 'passport_number',
      images: ['passport', 'selfie'],
      expiry_required: true,
      nationalities: null,
      number_hint: { en: 'As printed on the photo page', 'zh-CN': '与资料页上印的号码一致' },
    },
  ],
};

export const kPhProfile: JurisdictionProfile = {
  id: 'ph',
  country: 'PH',
  name: { en: 'Philippines' },
  languages: ['en'],
  default_language: 'en',
  utc_offset_minutes: 480,
  minimum_age: 18,
  sim_cap_per_person: null,
  review_business_days: 3,
  unregistered_restriction_days: 180,
  declaration: { en: 'I certify under oath that the information given is true and correct.' },
  identity_fields: ['full_name', 'date_of_birth', 'sex', 'nationality', 'address', 'document_type', 'document_number', 'document_expiry'],
  document_types: [
    {
      id: 'ph_philsys_id',
      label: { en: 'PhilSys National ID' },
      validator: 'ph_philsys_id',
      images: ['id_front', 'id_back', 'selfie'],
      expiry_required: false,
      nationalities: ['PH'],
      number_hint: { en: '16 digits (PSN), e.g. 1234-5678-9012-3456' },
    },
    {
      id: 'ph_drivers_license',
      label: { en: 'Driver’s License' },
      validator: 'ph_drivers_license',
      images: ['id_front', 'selfie'],
      expiry_required: true,
      nationalities: null,
      number_hint: { en: 'Letter and 10 digits, e.g. N01-23-456789' },
    },
    {
      id: 'ph_umid',
      label: { en: 'UMID' },
      validator: 'ph_umid',
      images: ['id_front', 'selfie'],
      expiry_required: false,
      nationalities: ['PH'],
      number_hint: { en: 'CRN, 12 digits' },
    },
    {
      id: 'passport',
      label: { en: 'Passport' },
      validator: 'passport_number',
      images: ['passport', 'selfie'],
      expiry_required: true,
      nationalities: null,
    },
  ],
};

export function line(overrides: Partial<Line> = {}): Line {
  return {
    id: 'ln_1',
    msisdn: '+8613800138000',
    iccid_last4: '0012',
    status: 'unregistered',
    activated_at: '2026-01-05T02:00:00Z',
    registration_deadline: '2026-02-04T15:59:59Z',
    linked_at: '2026-01-06T03:00:00Z',
    application_id: null,
    ...overrides,
  };
}

export const kAllIdentityMissing = [
  '/identity/full_name',
  '/identity/date_of_birth',
  '/identity/sex',
  '/identity/nationality',
  '/identity/address',
  '/identity/document_type',
  '/identity/document_number',
  '/identity/document_expiry',
  '/identity/contact_phone',
];

export function application(overrides: Partial<Application> = {}): Application {
  return {
    id: 'app_1',
    status: 'draft',
    channel: 'online',
    line_ids: ['ln_1'],
    lines: [line({ application_id: 'app_1' })],
    identity: {},
    documents: {},
    required_documents: [],
    missing: [...kAllIdentityMissing],
    submitted_at: null,
    due_at: null,
    decided_at: null,
    decision: null,
    history: [{ status: 'draft', at: '2026-01-06T03:05:00Z', actor: 'subscriber' }],
    created_at: '2026-01-06T03:05:00Z',
    updated_at: '2026-01-06T03:05:00Z',
    ...overrides,
  };
}

/** A complete draft: every identity field saved, every photo accepted, nothing missing. */
export function completeApplication(overrides: Partial<Application> = {}): Application {
  return application({
    identity: {
      full_name: '王小梅',
      date_of_birth: '1990-03-07',
      sex: 'F',
      nationality: 'CN',
      address: '北京市东城区东长安街 1 号',
      document_type: 'cn_resident_id',
      document_number: '110105199003070025',
      document_expiry: '2035-03-07',
      contact_phone: '+8613800138000',
    },
    documents: {
      id_front: { accepted: true, uploaded_at: '2026-01-06T03:10:00Z' },
      id_back: { accepted: true, uploaded_at: '2026-01-06T03:11:00Z' },
      selfie: { accepted: true, uploaded_at: '2026-01-06T03:12:00Z' },
    },
    required_documents: ['id_front', 'id_back', 'selfie'],
    missing: [],
    ...overrides,
  });
}
