// Client-side checks that mirror the server's rules, so people see problems before submitting.
// They return the same codes the server uses in problem `errors[].code` (plus client-only
// password.mismatch and code.invalid); the server stays the authority.
export const kPasswordMinLength = 12;
export const kPasswordMaxLength = 128;
export const kEmailMaxLength = 254;

export type FieldCode =
  | 'field.required'
  | 'email.invalid'
  | 'password.too_short'
  | 'password.too_long'
  | 'password.contains_email'
  | 'password.mismatch'
  | 'code.invalid'
  | 'roles.empty'
  | 'msisdn.invalid'
  | 'url.invalid'
  | 'events.empty';

/** Length in Unicode code points, so "密码" counts as 2 like a person would count it. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

const kEmailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function validateEmail(email: string): FieldCode | null {
  const trimmed = email.trim();
  if (trimmed === '') return 'field.required';
  if (trimmed.length > kEmailMaxLength || !kEmailShape.test(trimmed)) return 'email.invalid';
  return null;
}

/** The part of the address before the last "@", lower-cased; "" when there is none. */
export function emailLocalPart(email: string): string {
  const at = email.trim().lastIndexOf('@');
  return at > 0 ? email.trim().slice(0, at).toLowerCase() : '';
}

export interface PasswordRuleState {
  min: boolean;
  max: boolean;
  noEmail: boolean;
}

export function passwordRules(password: string, email: string): PasswordRuleState {
  const length = codePointLength(password);
  const local = emailLocalPart(email);
  return {
    min: length >= kPasswordMinLength,
    max: length <= kPasswordMaxLength,
    noEmail: local === '' || !password.toLowerCase().includes(local),
  };
}

export function validatePassword(password: string, email: string): FieldCode | null {
  if (password === '') return 'field.required';
  const rules = passwordRules(password, email);
  if (!rules.min) return 'password.too_short';
  if (!rules.max) return 'password.too_long';
  if (!rules.noEmail) return 'password.contains_email';
  return null;
}

export function validateConfirmation(password: string, confirmation: string): FieldCode | null {
  if (confirmation === '') return 'field.required';
  return password === confirmation ? null : 'password.mismatch';
}

/** Six ASCII digits: e-mail verification, password reset and TOTP codes all share this shape. */
export function validateCode(code: string): FieldCode | null {
  const trimmed = code.trim();
  if (trimmed === '') return 'field.required';
  return /^\d{6}$/.test(trimmed) ? null : 'code.invalid';
}

export function validateRequired(value: string): FieldCode | null {
  return value === '' ? 'field.required' : null;
}

/**
 * Keeps digits only (people paste "123 456" or "123-456"), at most six. Full-width digits from
 * Chinese input methods become ASCII digits first.
 */
export function normalizeCode(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '')
    .slice(0, 6);
}

/** Runs a table of validators; returns only the failing fields, in the table's order. */
export function collectErrors(checks: Record<string, FieldCode | null>): Record<string, FieldCode> {
  const out: Record<string, FieldCode> = {};
  for (const [field, code] of Object.entries(checks)) {
    if (code !== null) out[field] = code;
  }
  return out;
}
