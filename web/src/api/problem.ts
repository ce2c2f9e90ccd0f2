// ApiError: a problem+json response (RFC 9457) or a transport failure, as one typed value.
// `code` is the stable identifier UIs translate; `detail` is the server's English fallback.
// Field errors are keyed by form field name (the JSON pointer without its leading "/").

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export const kNetworkErrorCode = 'network.error';
export const kUnexpectedResponseCode = 'http.unexpected_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | null;
  readonly fieldErrors: FieldProblem[];
  readonly retryAfterSeconds: number | null;
  /** Extension members of the problem (e.g. `totp_uri` on auth.password_change_required). */
  readonly extensions: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    requestId?: string | null;
    fieldErrors?: FieldProblem[];
    retryAfterSeconds?: number | null;
    extensions?: Record<string, unknown>;
  }) {
    super(`${init.status} ${init.code}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.requestId = init.requestId ?? null;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.extensions = init.extensions ?? {};
  }

  /** The first error code per form field, e.g. {password: 'password.too_short'}. */
  fieldCodes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.fieldErrors) {
      if (!(e.field in out)) out[e.field] = e.code;
    }
    return out;
  }

  extensionString(name: string): string | null {
    const v = this.extensions[name];
    return typeof v === 'string' ? v : null;
  }
}

const kStandardMembers = new Set(['type', 'title', 'status', 'detail', 'code', 'request_id', 'errors', 'instance']);

/** "/new_password" → "new_password"; "/a/b" → "a.b"; "" → "" (form-level). */
export function pointerToField(pointer: string): string {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - now) / 1000));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds an ApiError from a failed response's status, headers and (possibly non-JSON) body. */
export function problemFromResponse(status: number, headers: Headers, body: unknown): ApiError {
  const requestId = headers.get('X-Request-Id');
  const headerRetry = parseRetryAfter(headers.get('Retry-After'));
  if (!isRecord(body) || typeof body.code !== 'string') {
    return new ApiError({ status, code: kUnexpectedResponseCode, requestId, retryAfterSeconds: headerRetry });
  }
  const fieldErrors: FieldProblem[] = [];
  if (Array.isArray(body.errors)) {
    for (const e of body.errors) {
      if (isRecord(e) && typeof e.code === 'string') {
        fieldErrors.push({
          field: pointerToField(typeof e.field === 'string' ? e.field : ''),
          code: e.code,
          message: typeof e.message === 'string' ? e.message : '',
        });
      }
    }
  }
  const extensions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (!kStandardMembers.has(k)) extensions[k] = v;
  }
  const bodyRetry = typeof body.retry_after_seconds === 'number' ? body.retry_after_seconds : null;
  return new ApiError({
    status,
    code: body.code,
    title: typeof body.title === 'string' ? body.title : '',
    detail: typeof body.detail === 'string' ? body.detail : '',
    requestId: typeof body.request_id === 'string' ? body.request_id : requestId,
    fieldErrors,
    retryAfterSeconds: headerRetry ?? bodyRetry,
    extensions,
  });
}
