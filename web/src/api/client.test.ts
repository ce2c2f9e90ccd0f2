import { describe, expect, it, vi } from 'vitest';
import { FakeServer, kSubscriberMe, problem } from '../test/fake_server';
import { ApiClient } from './client';
import { createApi } from './endpoints';
import { ApiError } from './problem';

function setup() {
  const server = new FakeServer();
  const onUnauthenticated = vi.fn();
  const client = new ApiClient({ fetch: server.fetch, onUnauthenticated });
  return { server, client, api: createApi(client), onUnauthenticated };
}

describe('ApiClient CSRF handling', () => {
  it('fetches the token once and sends it with JSON on every unsafe request', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/signup', { status: 201, body: { status: 'verification_required' } });
    await api.signup('mei@example.test', 'correct horse battery', 'zh-CN');
    await api.signup('mei@example.test', 'correct horse battery', 'zh-CN');
    expect(server.callsTo('GET /api/v1/auth/csrf')).toHaveLength(1);
    const [first] = server.callsTo('POST /api/v1/auth/signup');
    expect(first!.headers['x-csrf-token']).toBe('tok-1');
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.body).toEqual({ email: 'mei@example.test', password: 'correct horse battery', locale: 'zh-CN' });
  });

  it('sends no token and no CSRF fetch for GET', async () => {
    const { server, api } = setup();
    server.on('GET /api/v1/me', { status: 200, body: kSubscriberMe });
    await expect(api.me()).resolves.toEqual(kSubscriberMe);
    expect(server.callsTo('GET /api/v1/auth/csrf')).toHaveLength(0);
    expect(server.calls[0]!.headers['x-csrf-token']).toBeUndefined();
  });

  it('on 403 csrf.failed re-fetches the token and retries exactly once', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/resend-verification', (call, s) =>
      call.headers['x-csrf-token'] === s.csrfToken ? { status: 202, body: { status: 'sent_if_pending' } } : problem(403, 'csrf.failed'),
    );
    await api.resendVerification('a@b.cd'); // token tok-1 cached
    server.csrfToken = 'tok-2'; // e.g. the cookie expired and the server issued a new one
    await expect(api.resendVerification('a@b.cd')).resolves.toEqual({ status: 'sent_if_pending' });
    const posts = server.callsTo('POST /api/v1/auth/resend-verification');
    expect(posts.map((c) => c.headers['x-csrf-token'])).toEqual(['tok-1', 'tok-1', 'tok-2']);
    expect(server.callsTo('GET /api/v1/auth/csrf')).toHaveLength(2);
  });

  it('does not loop: a second csrf.failed is thrown to the caller', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/logout', problem(403, 'csrf.failed'));
    const error = await api.logout().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('csrf.failed');
    expect(server.callsTo('POST /api/v1/auth/logout')).toHaveLength(2);
  });

  it('does not retry other 403s', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/login', problem(403, 'auth.email_not_verified'));
    await expect(api.login('a@b.cd', 'x'.repeat(12))).rejects.toMatchObject({ code: 'auth.email_not_verified', status: 403 });
    expect(server.callsTo('POST /api/v1/auth/login')).toHaveLength(1);
  });

  it.each([
    ['login', (api: ReturnType<typeof createApi>) => api.login('a@b.cd', 'pw-pw-pw-pw-pw'), 'POST /api/v1/auth/login'],
    ['logout', (api: ReturnType<typeof createApi>) => api.logout(), 'POST /api/v1/auth/logout'],
    ['password change', (api: ReturnType<typeof createApi>) => api.changePassword('old-old-old-old', 'new-new-new-new'), 'POST /api/v1/auth/password'],
    ['staff login', (api: ReturnType<typeof createApi>) => api.staffLogin('a@b.cd', 'pw', '123456'), 'POST /api/v1/staff/auth/login'],
    ['staff password', (api: ReturnType<typeof createApi>) => api.staffChangePassword('a@b.cd', 'pw', 'new-new-new-new', '123456'), 'POST /api/v1/staff/auth/password'],
  ])('re-fetches the token after %s (the server rotates it)', async (_name, call, route) => {
    const { server, api } = setup();
    server.on(route, () => (route.endsWith('logout') ? { status: 204 } : { status: 200, body: { account: kSubscriberMe } }));
    server.on('PATCH /api/v1/me', { status: 200, body: kSubscriberMe });
    await api.setLocale('en');
    server.csrfToken = 'tok-rotated';
    await call(api);
    await api.setLocale('zh-CN');
    const patches = server.callsTo('PATCH /api/v1/me');
    expect(patches.map((c) => c.headers['x-csrf-token'])).toEqual(['tok-1', 'tok-rotated']);
  });

  it('rotates even when the sign-in fails (the server may have rotated anyway)', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/login', problem(401, 'auth.invalid_credentials'));
    await expect(api.login('a@b.cd', 'wrong-wrong-wrong')).rejects.toBeInstanceOf(ApiError);
    await expect(api.login('a@b.cd', 'wrong-wrong-wrong')).rejects.toBeInstanceOf(ApiError);
    expect(server.callsTo('GET /api/v1/auth/csrf')).toHaveLength(2);
  });

  it('shares one in-flight token fetch between concurrent requests', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/password-reset', { status: 202, body: { status: 'sent_if_registered' } });
    await Promise.all([api.requestPasswordReset('a@b.cd'), api.requestPasswordReset('c@d.ef'), api.requestPasswordReset('g@h.ij')]);
    expect(server.callsTo('GET /api/v1/auth/csrf')).toHaveLength(1);
  });

  it('surfaces a failing token fetch as the ApiError', async () => {
    const { server, api } = setup();
    server.on('GET /api/v1/auth/csrf', problem(503, 'server.overloaded'));
    await expect(api.logout()).rejects.toMatchObject({ code: 'server.overloaded', status: 503 });
    expect(server.callsTo('POST /api/v1/auth/logout')).toHaveLength(0);
  });
});

describe('ApiClient requests and errors', () => {
  it('uses relative same-origin URLs with credentials: same-origin', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => new Response(JSON.stringify(kSubscriberMe), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const client = new ApiClient({ fetch: fetchSpy });
    await createApi(client).me();
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('/api/v1/me');
    expect(init?.credentials).toBe('same-origin');
  });

  it('refuses absolute and protocol-relative URLs', async () => {
    const { client } = setup();
    await expect(client.get('https://evil.example/api')).rejects.toThrow(/same-origin/);
    await expect(client.get('//evil.example/api')).rejects.toThrow(/same-origin/);
  });

  it('returns undefined for 204', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/logout', { status: 204 });
    await expect(api.logout()).resolves.toBeUndefined();
  });

  it('parses problem+json into ApiError with field errors and Retry-After', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/auth/signup', {
      status: 422,
      body: { code: 'validation.failed', status: 422, errors: [{ field: '/password', code: 'password.too_short', message: 'Too short' }] },
    });
    server.on('POST /api/v1/auth/login', { ...problem(429, 'auth.too_many_attempts'), headers: { 'Retry-After': '12' } });
    const validation = (await api.signup('a@b.cd', 'short', 'en').catch((e: unknown) => e)) as ApiError;
    expect(validation.fieldCodes()).toEqual({ password: 'password.too_short' });
    const throttled = (await api.login('a@b.cd', 'x').catch((e: unknown) => e)) as ApiError;
    expect(throttled.retryAfterSeconds).toBe(12);
    expect(throttled.requestId).toBe('req-x');
  });

  it('turns a transport failure into network.error', async () => {
    const client = new ApiClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ code: 'network.error', status: 0 });
  });

  it('calls onUnauthenticated for 401 auth.unauthenticated, except on GET /api/v1/me', async () => {
    const { server, api, onUnauthenticated } = setup();
    server.on('GET /api/v1/me', problem(401, 'auth.unauthenticated'));
    server.on('POST /api/v1/auth/password', problem(401, 'auth.unauthenticated'));
    await expect(api.me()).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(api.changePassword('a', 'b')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('encodes ids and the outbox filter', async () => {
    const { server, api } = setup();
    server.on('POST /api/v1/admin/staff/stf_a%2Fb/disable', { status: 200, body: { staff: {} } });
    server.on('GET /api/v1/demo/outbox', { status: 200, body: { items: [] } });
    await api.disableStaff('stf_a/b');
    await api.demoOutbox(' mei+1@example.test ');
    await api.demoOutbox('');
    expect(server.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/demo/outbox').map((c) => c.url)).toEqual([
      '/api/v1/demo/outbox?to=mei%2B1%40example.test',
      '/api/v1/demo/outbox',
    ]);
  });
});
