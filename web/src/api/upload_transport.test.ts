import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeServer, problem } from '../test/fake_server';
import { ApiClient } from './client';
import { createApi } from './endpoints';
import { ApiError } from './problem';
import { parseRawHeaders, xhrUploadTransport } from './upload_transport';

describe('parseRawHeaders', () => {
  it('reads XMLHttpRequest.getAllResponseHeaders() output', () => {
    const headers = parseRawHeaders('content-type: application/problem+json\r\nx-request-id: r-1\r\nretry-after: 12\r\nbogus line\r\n');
    expect(headers.get('Content-Type')).toBe('application/problem+json');
    expect(headers.get('X-Request-Id')).toBe('r-1');
    expect(headers.get('Retry-After')).toBe('12');
  });
});

/** A scripted XMLHttpRequest: records what is sent, reports progress, then answers. */
class FakeXhr {
  static last: FakeXhr | null = null;
  static answer: { status: number; body: string; headers: string } | 'network-error' = { status: 200, body: '{}', headers: '' };
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  private rawHeaders = '';

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return this.rawHeaders;
  }
  send(body: unknown) {
    this.body = body;
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
      const answer = FakeXhr.answer;
      if (answer === 'network-error') {
        this.onerror?.();
        return;
      }
      this.status = answer.status;
      this.responseText = answer.body;
      this.rawHeaders = answer.headers;
      this.onload?.();
    });
  }
}

describe('xhrUploadTransport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the body with its headers, reports progress, and resolves a Response', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.answer = { status: 200, body: '{"accepted":true}', headers: 'Content-Type: application/json\r\n' };
    const progress: number[] = [];
    const body = new Blob(['jpeg'], { type: 'image/jpeg' });
    const response = await xhrUploadTransport({
      method: 'PUT',
      path: '/api/v1/applications/a1/documents/selfie',
      headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': 't' },
      body,
      onProgress: (p) => progress.push(p),
    });
    expect(FakeXhr.last?.method).toBe('PUT');
    expect(FakeXhr.last?.headers).toEqual({ 'Content-Type': 'image/jpeg', 'X-CSRF-Token': 't' });
    expect(FakeXhr.last?.body).toBe(body);
    expect(progress).toEqual([0.25, 1, 1]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: true });
  });

  it('turns a transport error into a rejection, and ApiClient into network.error', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.answer = 'network-error';
    await expect(xhrUploadTransport({ method: 'PUT', path: '/x', headers: {}, body: new Blob(['a']) })).rejects.toBeInstanceOf(TypeError);
    const server = new FakeServer();
    const client = new ApiClient({ fetch: server.fetch, upload: xhrUploadTransport });
    await expect(client.upload('/api/v1/applications/a/documents/selfie', new Blob(['a']), 'image/png')).rejects.toMatchObject({
      code: 'network.error',
      status: 0,
    });
  });

  it('lets ApiClient read problem answers (413) from it', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.answer = {
      status: 413,
      body: JSON.stringify({ code: 'image.too_large', status: 413, detail: 'Too large' }),
      headers: 'Content-Type: application/problem+json\r\nX-Request-Id: rq-9\r\n',
    };
    const server = new FakeServer();
    const client = new ApiClient({ fetch: server.fetch, upload: xhrUploadTransport });
    const error = (await client.upload('/api/v1/x', new Blob(['a']), 'image/jpeg').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('image.too_large');
    expect(error.requestId).toBe('rq-9');
  });
});

describe('ApiClient.upload through an injected fetch', () => {
  it('PUTs the raw bytes with the file’s Content-Type and the CSRF token', async () => {
    const server = new FakeServer().on('PUT /api/v1/applications/app%201/documents/id_front', {
      status: 200,
      body: { kind: 'id_front', accepted: true, reasons: [], measurements: {}, uploaded_at: '2026-01-06T03:10:00Z' },
    });
    const api = createApi(new ApiClient({ fetch: server.fetch }));
    const file = new File(['\xff\xd8\xff'], 'front.jpg', { type: 'image/jpeg' });
    const progress: number[] = [];
    const report = await api.uploadDocument('app 1', 'id_front', file, 'image/jpeg', (p) => progress.push(p));
    expect(report.accepted).toBe(true);
    const [call] = server.callsTo('PUT /api/v1/applications/app%201/documents/id_front');
    expect(call!.headers['content-type']).toBe('image/jpeg');
    expect(call!.headers['x-csrf-token']).toBe('tok-1');
    expect(call!.blob).toBe(file);
    expect(progress).toEqual([1]);
  });

  it('retries once with a fresh token on csrf.failed, sending the same bytes again', async () => {
    const server = new FakeServer();
    server.on('PUT /api/v1/applications/a/documents/selfie', (call, s) =>
      call.headers['x-csrf-token'] === s.csrfToken ? { status: 200, body: { kind: 'selfie', accepted: true, reasons: [] } } : problem(403, 'csrf.failed'),
    );
    const client = new ApiClient({ fetch: server.fetch });
    await client.get('/api/v1/auth/csrf');
    const api = createApi(client);
    await api.uploadDocument('a', 'selfie', new Blob(['x'], { type: 'image/png' }), 'image/png');
    server.csrfToken = 'tok-2';
    const blob = new Blob(['y'], { type: 'image/png' });
    await api.uploadDocument('a', 'selfie', blob, 'image/png');
    const puts = server.callsTo('PUT /api/v1/applications/a/documents/selfie');
    expect(puts.map((c) => c.headers['x-csrf-token'])).toEqual(['tok-1', 'tok-1', 'tok-2']);
    expect(puts[2]!.blob).toBe(blob);
  });

  it('throws the quality report of a 422 as an ApiError extension', async () => {
    const report = { kind: 'id_front', accepted: false, reasons: [{ code: 'image.blurred', message: 'Blurred', hint: 'Hold steady' }] };
    const server = new FakeServer().on('PUT /api/v1/applications/a/documents/id_front', problem(422, 'document.quality_rejected', { report }));
    const api = createApi(new ApiClient({ fetch: server.fetch }));
    const error = (await api.uploadDocument('a', 'id_front', new Blob(['z']), 'image/jpeg').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('document.quality_rejected');
    expect(error.extensions.report).toEqual(report);
  });
});

describe('registration endpoints', () => {
  it('keep personal values out of URLs', async () => {
    const server = new FakeServer()
      .on('POST /api/v1/sims/link', { status: 202, body: { msisdn: '+8613800138000', expires_in_seconds: 300, resend_after_seconds: 60 } })
      .on('POST /api/v1/sims/link/confirm', { status: 200, body: { line: {} } })
      .on('PATCH /api/v1/applications/a', { status: 200, body: {} })
      .on('POST /api/v1/applications/a/submit', { status: 200, body: {} });
    const api = createApi(new ApiClient({ fetch: server.fetch }));
    await api.startLink('+8613800138000');
    await api.confirmLink('+8613800138000', '123456');
    await api.updateApplication('a', { identity: { document_number: '110105199003070025' } });
    await api.submitApplication('a');
    for (const call of server.calls) {
      expect(call.url).not.toMatch(/8613800138000|123456|110105199003070025/);
    }
    expect(server.callsTo('POST /api/v1/sims/link/confirm')[0]!.body).toEqual({ msisdn: '+8613800138000', code: '123456' });
    expect(server.callsTo('POST /api/v1/applications/a/submit')[0]!.body).toEqual({ declaration_accepted: true });
  });
});
