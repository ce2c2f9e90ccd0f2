// A scripted stand-in for the simreg API, used as `fetch` in unit tests. Routes answer by
// "METHOD /path" (query ignored); every call is recorded with its parsed JSON body (or the raw
// Blob of an upload) and headers. A handler may answer later (a Promise), to test busy states.
export interface FakeCall {
  method: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The raw body of an upload (PUT with an image), as sent. */
  blob: Blob | undefined;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (call: FakeCall, server: FakeServer) => FakeReply | Promise<FakeReply>;

export class FakeServer {
  readonly calls: FakeCall[] = [];
  private readonly routes = new Map<string, FakeHandler>();
  csrfToken = 'tok-1';

  constructor() {
    this.on('GET /api/v1/auth/csrf', () => ({ status: 200, body: { csrf_token: this.csrfToken } }));
  }

  on(route: string, handler: FakeHandler | FakeReply): this {
    this.routes.set(route, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  callsTo(route: string): FakeCall[] {
    return this.calls.filter((c) => `${c.method} ${c.path}` === route);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const blob = init?.body instanceof Blob ? init.body : undefined;
    const path = url.split('?')[0] ?? url;
    const call: FakeCall = { method, path, url, headers, body, blob };
    this.calls.push(call);
    const handler = this.routes.get(`${method} ${path}`);
    const reply: FakeReply = handler !== undefined ? await handler(call, this) : problem(404, 'http.not_found');
    const isProblem = reply.status >= 400;
    const responseHeaders = new Headers({
      'X-Request-Id': `req-${this.calls.length}`,
      ...(reply.body !== undefined ? { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' } : {}),
      ...reply.headers,
    });
    return new Response(reply.body !== undefined ? JSON.stringify(reply.body) : null, {
      status: reply.status,
      headers: responseHeaders,
    });
  };
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): FakeReply {
  return {
    status,
    body: { type: 'about:blank', title: code, status, detail: `English detail for ${code}`, code, request_id: 'req-x', ...extra },
  };
}

export const kSubscriberMe = {
  kind: 'subscriber',
  id: 'sub_1',
  email: 'mei@example.test',
  email_verified: true,
  locale: 'en',
  created_at: '2025-01-02T03:04:05Z',
} as const;

export const kAdminMe = {
  kind: 'staff',
  id: 'stf_1',
  email: 'admin@example.test',
  roles: ['admin'],
  store_id: null,
  locale: 'en',
  created_at: '2025-01-02T03:04:05Z',
} as const;
