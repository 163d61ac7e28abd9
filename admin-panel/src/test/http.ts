import { vi } from 'vitest';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function envelope(status: number, code: string, message: string, details: unknown = null, requestId = 'req-123') {
  return json(status, { error: { code, message, details, request_id: requestId } }, { 'X-Request-ID': requestId });
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Replaces fetch with `handler`; returns the mock to inspect calls. */
export function mockFetch(handler: Handler) {
  const mock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) =>
    Promise.resolve(handler(String(input), init)),
  );
  vi.stubGlobal('fetch', mock);
  return mock;
}

export function bearer(init: RequestInit): string | null {
  return new Headers(init.headers).get('Authorization');
}
