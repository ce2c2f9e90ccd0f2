// How ApiClient sends a raw-body upload: XMLHttpRequest in the browser (fetch cannot report upload
// progress), or a given fetch (tests). Both resolve to a standard Response so the client decodes
// answers and problems one way; both reject (TypeError) only when nothing came back.
export type UploadProgress = (fraction: number) => void;

export interface UploadRequest {
  method: 'PUT';
  path: string;
  headers: Record<string, string>;
  body: Blob;
  onProgress?: UploadProgress;
}

export type UploadTransport = (request: UploadRequest) => Promise<Response>;

/** "Content-Type: a\r\nX-Request-Id: b\r\n" → Headers. Lines without a colon are ignored. */
export function parseRawHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    try {
      headers.append(name, value);
    } catch {
      // A header name the Headers class refuses; nothing the client reads.
    }
  }
  return headers;
}

const kNullBodyStatuses = new Set([101, 204, 205, 304]);

export const xhrUploadTransport: UploadTransport = (request) =>
  new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.path, true);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) request.onProgress?.(Math.min(1, event.loaded / event.total));
    };
    xhr.onload = () => {
      request.onProgress?.(1);
      const status = xhr.status;
      if (status < 200 || status > 599) {
        reject(new TypeError(`upload answered status ${status}`));
        return;
      }
      const body = kNullBodyStatuses.has(status) ? null : xhr.responseText;
      resolve(new Response(body, { status, headers: parseRawHeaders(xhr.getAllResponseHeaders()) }));
    };
    const fail = () => reject(new TypeError('upload failed'));
    xhr.onerror = fail;
    xhr.onabort = fail;
    xhr.ontimeout = fail;
    xhr.send(request.body);
  });

export function fetchUploadTransport(fetchImpl: typeof fetch): UploadTransport {
  return async (request) => {
    const response = await fetchImpl(request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    request.onProgress?.(1);
    return response;
  };
}
