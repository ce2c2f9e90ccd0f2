// ApiClient: the only code that talks HTTP. Same-origin relative URLs, JSON in and out (raw image
// bodies for uploads), CSRF token fetched lazily from GET /api/v1/auth/csrf, sent as X-CSRF-Token on
// unsafe methods, dropped after sign-in/sign-out/password changes (the server rotates it), and
// refreshed + retried once on 403 csrf.failed. Failures are thrown as ApiError. One instance per
// page; concurrent requests share one in-flight token fetch.
import { ApiError, kNetworkErrorCode, problemFromResponse } from './problem';
import { fetchUploadTransport, xhrUploadTransport, type UploadProgress, type UploadTransport } from './upload_transport';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** The server rotates the CSRF token on this call (sign-in, sign-out, password change). */
  rotatesCsrf?: boolean;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Called when a request other than GET /api/v1/me answers 401 auth.unauthenticated. */
  onUnauthenticated?: () => void;
  /**
   * Sends raw-body uploads. Default: XMLHttpRequest (the only browser API with upload progress),
   * or the injected `fetch` when one is given (tests), which reports progress once, at the end.
   */
  upload?: UploadTransport;
}

export const kCsrfPath = '/api/v1/auth/csrf';
export const kCsrfHeader = 'X-CSRF-Token';
const kMePath = '/api/v1/me';

function isUnsafe(method: Method): boolean {
  return method !== 'GET';
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (!/json/i.test(type)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly onUnauthenticated: (() => void) | undefined;
  private readonly uploadImpl: UploadTransport;
  private csrfToken: string | null = null;
  private csrfInFlight: Promise<string> | null = null;

  constructor(options: ApiClientOptions = {}) {
    // Bind so a bare global fetch keeps its `this` (browsers throw "Illegal invocation" otherwise).
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthenticated = options.onUnauthenticated;
    this.uploadImpl = options.upload ?? (options.fetch !== undefined ? fetchUploadTransport(options.fetch) : xhrUploadTransport);
  }

  /** Forget the token; the next unsafe request fetches a fresh one. */
  invalidateCsrf(): void {
    this.csrfToken = null;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }

  /**
   * PUTs a raw body (an image) with its own Content-Type; `onProgress` gets the fraction sent
   * (0…1). The answer is decoded like any other (JSON body, or ApiError).
   */
  upload<T>(path: string, body: Blob, contentType: string, onProgress?: UploadProgress): Promise<T> {
    return this.run<T>('PUT', path, {}, async () => {
      const headers: Record<string, string> = {
        Accept: 'application/json, application/problem+json',
        'Content-Type': contentType,
        [kCsrfHeader]: await this.csrf(),
      };
      try {
        return await this.uploadImpl({ method: 'PUT', path, headers, body, ...(onProgress !== undefined ? { onProgress } : {}) });
      } catch {
        throw new ApiError({ status: 0, code: kNetworkErrorCode });
      }
    });
  }

  request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.run<T>(method, path, options, () => this.send(method, path, body));
  }

  private async run<T>(method: Method, path: string, options: RequestOptions, sendOnce: () => Promise<Response>): Promise<T> {
    if (!path.startsWith('/') || path.startsWith('//')) {
      throw new Error(`ApiClient only sends same-origin requests, got ${path}`);
    }
    let response = await sendOnce();
    let payload = await readBody(response);
    if (isUnsafe(method) && response.status === 403 && this.isCsrfFailure(payload)) {
      this.invalidateCsrf();
      response = await sendOnce();
      payload = await readBody(response);
    }
    if (options.rotatesCsrf) this.invalidateCsrf();
    if (!response.ok) {
      const error = problemFromResponse(response.status, response.headers, payload);
      if (error.status === 401 && error.code === 'auth.unauthenticated' && path !== kMePath) {
        this.onUnauthenticated?.();
      }
      throw error;
    }
    return payload as T;
  }

  private isCsrfFailure(payload: unknown): boolean {
    return typeof payload === 'object' && payload !== null && (payload as { code?: unknown }).code === 'csrf.failed';
  }

  private async send(method: Method, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (isUnsafe(method)) headers[kCsrfHeader] = await this.csrf();
    const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) init.body = JSON.stringify(body);
    try {
      return await this.fetchImpl(path, init);
    } catch {
      throw new ApiError({ status: 0, code: kNetworkErrorCode });
    }
  }

  private async csrf(): Promise<string> {
    if (this.csrfToken !== null) return this.csrfToken;
    if (this.csrfInFlight === null) {
      this.csrfInFlight = this.fetchCsrf().finally(() => {
        this.csrfInFlight = null;
      });
    }
    return this.csrfInFlight;
  }

  private async fetchCsrf(): Promise<string> {
    let response: Response;
    try {
      response = await this.fetchImpl(kCsrfPath, {
        method: 'GET',
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({ status: 0, code: kNetworkErrorCode });
    }
    const payload = await readBody(response);
    if (!response.ok) throw problemFromResponse(response.status, response.headers, payload);
    const token = (payload as { csrf_token?: unknown } | undefined)?.csrf_token;
    if (typeof token !== 'string' || token === '') {
      throw problemFromResponse(response.status, response.headers, undefined);
    }
    this.csrfToken = token;
    return token;
  }
}
