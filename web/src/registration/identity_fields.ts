// The identity form's fields: how each profile field name is entered (input kind, autofill), the
// value sent to the server, and the light client check run before the PATCH. The checks return the
// server's reason codes (field.required, field.too_long, date.format, date.impossible,
// msisdn.invalid) so client and server errors read the same; the server stays the authority on
// everything else (check digits, ages, cross-field rules). Pure.
import { toE164 } from './msisdn';

export type IdentityInput = 'text' | 'date' | 'sex' | 'country' | 'textarea' | 'document_type' | 'document_number' | 'tel';

export interface IdentityFieldSpec {
  input: IdentityInput;
  autoComplete?: string;
  /** Longest value accepted client-side (code points); the server may be stricter. */
  maxLength: number;
}

const kSpecs: Readonly<Record<string, IdentityFieldSpec>> = {
  full_name: { input: 'text', autoComplete: 'name', maxLength: 200 },
  date_of_birth: { input: 'date', autoComplete: 'bday', maxLength: 10 },
  sex: { input: 'sex', autoComplete: 'sex', maxLength: 1 },
  nationality: { input: 'country', autoComplete: 'country', maxLength: 2 },
  address: { input: 'textarea', autoComplete: 'street-address', maxLength: 500 },
  document_type: { input: 'document_type', maxLength: 64 },
  document_number: { input: 'document_number', autoComplete: 'off', maxLength: 64 },
  document_expiry: { input: 'date', autoComplete: 'off', maxLength: 10 },
  contact_phone: { input: 'tel', autoComplete: 'tel', maxLength: 32 },
};

/** A field the profile names but this UI has no special input for is a plain text field. */
export function fieldSpec(field: string): IdentityFieldSpec {
  return kSpecs[field] ?? { input: 'text', maxLength: 200 };
}

/** Fields whose value is picked (select, radio) are saved on change; typed ones on blur. */
export function savesOnChange(field: string): boolean {
  const input = fieldSpec(field).input;
  return input === 'sex' || input === 'country' || input === 'document_type';
}

/** A real calendar date in YYYY-MM-DD (what <input type="date"> produces). */
export function checkDate(value: string): 'date.format' | 'date.impossible' | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return 'date.format';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'date.impossible';
  }
  return null;
}

/**
 * The value the server receives for what the person typed: trimmed; document numbers upper-cased
 * without inner spaces (people copy "4401 0119 …" in groups); phone numbers as E.164 when they
 * parse; "" becomes null (clears the field).
 */
export function wireValue(field: string, raw: string, country: string): string | null {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  const input = fieldSpec(field).input;
  if (input === 'document_number') return trimmed.replace(/\s/g, '').toUpperCase();
  if (input === 'tel') return toE164(trimmed, country) ?? trimmed;
  return trimmed;
}

/** The light check before saving one field; an empty value is allowed here (it clears). */
export function checkField(field: string, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  const spec = fieldSpec(field);
  if (Array.from(value).length > spec.maxLength && spec.input !== 'date') return 'field.too_long';
  if (spec.input === 'date') return checkDate(value);
  if (spec.input === 'sex' && value !== 'F' && value !== 'M') return 'field.required';
  if (spec.input === 'tel' && !looksLikePhone(value)) return 'msisdn.invalid';
  return null;
}

/** Digits (ASCII or full-width) with the usual punctuation, 6 to 15 digits. */
function looksLikePhone(value: string): boolean {
  if (/[^\d\s()+\-.\uFF10-\uFF19\uFF0B]/.test(value)) return false;
  const digits = value.replace(/[^\d\uFF10-\uFF19]/g, '').length;
  return digits >= 6 && digits <= 15;
}

/** Is the field needed before the Documents step: the server's `missing` list decides. */
export function isMissing(missing: readonly string[] | undefined, field: string): boolean {
  return (missing ?? []).includes(`/identity/${field}`);
}
