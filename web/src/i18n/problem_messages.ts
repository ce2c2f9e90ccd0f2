// Maps server problem codes (and client-side validation codes) to translated text.
// Unknown codes fall back to the server's English detail/message, then to a generic string,
// so a new server code never shows up blank.
import { ApiError } from '../api/problem';
import { isMessageKey, type MessageKey, type Translate } from './i18n';

export type ProblemContext = 'subscriber' | 'staff';

/**
 * Translated text for a field error code such as "password.too_short" (key field.password.too_short)
 * or a generic one already named "field.required" (same key).
 */
export function fieldMessage(t: Translate, code: string, serverMessage = ''): string {
  const key = code.startsWith('field.') ? code : `field.${code}`;
  if (isMessageKey(key)) return t(key);
  return serverMessage !== '' ? serverMessage : t('field.unknown');
}

/** Translated, user-facing sentence(s) for a failed request. */
export function problemMessage(t: Translate, error: unknown, context: ProblemContext = 'subscriber'): string {
  if (!(error instanceof ApiError)) return t('problem.unknown');
  let text: string;
  const contextual = `problem.${error.code}.${context}`;
  const plain = `problem.${error.code}`;
  if (isMessageKey(contextual)) text = t(contextual);
  else if (isMessageKey(plain)) text = t(plain);
  else if (error.detail !== '') text = error.detail;
  else text = t(fallbackFor(error.status));
  if (error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) {
    text = t('problem.withRetry', { message: text, seconds: error.retryAfterSeconds });
  }
  return text;
}

function fallbackFor(status: number): MessageKey {
  if (status === 503) return 'problem.server.overloaded';
  if (status === 401) return 'problem.auth.unauthenticated';
  if (status === 403) return 'problem.auth.forbidden';
  if (status === 404) return 'problem.http.not_found';
  return 'problem.unknown';
}

export interface FieldProblemCode {
  code: string;
  /** The server's English message, used only when `code` has no translation. */
  message: string;
}

/**
 * Splits a failed request into per-field error codes (for fields the form shows) and whether a
 * form-level message is still needed for the rest. Problem codes that are really about one field
 * (409 staff.email_taken) are attached to that field. Codes, not text, are kept so the messages
 * follow a later language switch.
 */
export function splitProblem(
  error: unknown,
  formFields: readonly string[],
  problemToField: Readonly<Record<string, string>> = {},
): { fields: Record<string, FieldProblemCode>; formError: unknown } {
  const fields: Record<string, FieldProblemCode> = {};
  if (!(error instanceof ApiError)) return { fields, formError: error };
  let unplaced = false;
  for (const fe of error.fieldErrors) {
    if (formFields.includes(fe.field)) {
      if (!(fe.field in fields)) fields[fe.field] = { code: fe.code, message: fe.message };
    } else {
      unplaced = true;
    }
  }
  const target = problemToField[error.code];
  if (target !== undefined && formFields.includes(target)) {
    fields[target] = { code: error.code, message: error.detail };
  }
  const placedAll = Object.keys(fields).length > 0 && !unplaced;
  return { fields, formError: placedAll ? null : error };
}
