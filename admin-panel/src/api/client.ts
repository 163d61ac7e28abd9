/**
 * A small fetch wrapper typed by the OpenAPI schema (src/api/schema.d.ts).
 *
 * Authenticated calls carry the in-memory access token. On a 401 the access token is refreshed
 * once — one refresh at a time for the whole app, and across tabs through a Web Lock — and the
 * call is retried; when the refresh fails too, `onSessionExpired` listeners are told (the auth
 * context sends the user to /login, keeping the page they were on).
 */
import { ApiError, errorFromResponse, networkError } from './errors';
import type { paths } from './schema';
import { tokens } from './tokens';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends NonNullable<unknown> ? P : never;
}[keyof paths];

type Json<C> = C extends { content: { 'application/json': infer T } } ? T : undefined;
type SuccessOf<R> = R extends { 200: infer S }
  ? Json<S>
  : R extends { 201: infer S }
    ? Json<S>
    : R extends { 202: infer S }
      ? Json<S>
      : undefined;
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? SuccessOf<R> : never;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : { body?: undefined };
type QueryOf<O> = O extends { parameters: { query?: infer Q } }
  ? [Q] extends [never | undefined]
    ? { query?: undefined }
    : { query?: Q }
  : { query?: undefined };
type PathOf<O> = O extends { parameters: { path: infer P } }
  ? [P] extends [never | undefined]
    ? { path?: undefined }
    : { path: P }
  : { path?: undefined };

export type RequestOptions<P extends keyof paths, M extends Method> = BodyOf<Operation<P, M>> &
  QueryOf<Operation<P, M>> &
  PathOf<Operation<P, M>> & {
    /** Public endpoints (login, reset…): no token, no refresh on 401. */
    anonymous?: boolean;
    signal?: AbortSignal;
  };

type QueryValue = string | number | boolean | null | undefined;

export function buildUrl(
  template: string,
  path?: Record<string, string | number>,
  query?: Record<string, QueryValue>,
): string {
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

// --- session refresh ---------------------------------------------------------------------

type Listener = () => void;
const expiredListeners = new Set<Listener>();

export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

let refreshing: Promise<boolean> | null = null;

async function rotate(): Promise<boolean> {
  // Read inside the lock: another tab may have rotated the shared token meanwhile.
  const refreshToken = tokens.refresh();
  if (!refreshToken) return false;
  const remember = tokens.remembered();
  let response: Response;
  try {
    response = await fetch('/api/auth/token/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
  } catch {
    throw networkError();
  }
  if (response.ok) {
    const body = (await response.json()) as { access_token: string; refresh_token: string };
    tokens.save(body.access_token, body.refresh_token, remember);
    return true;
  }
  if (response.status >= 500 || response.status === 429) throw await errorFromResponse(response);
  tokens.clear();
  return false;
}

/** Gets a fresh access token; concurrent callers share one request. False: log in again. */
export function refreshSession(): Promise<boolean> {
  if (refreshing) return refreshing;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const run: Promise<boolean> = locks
    ? (locks.request('simdesk-token-refresh', rotate) as unknown as Promise<boolean>)
    : rotate();
  const shared = run.finally(() => {
    refreshing = null;
  });
  refreshing = shared;
  return shared;
}

function sessionExpired(): ApiError {
  tokens.clear();
  for (const listener of expiredListeners) listener();
  return new ApiError({
    status: 401,
    code: 'session_expired',
    message: 'Your session has ended. Please log in again.',
  });
}

// --- requests ----------------------------------------------------------------------------

async function send(url: string, init: RequestInit, anonymous: boolean): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  const access = tokens.access();
  if (!anonymous && access) headers.set('Authorization', `Bearer ${access}`);
  try {
    return await fetch(url, { ...init, headers });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

/** Sends a request with the session's token, refreshing it once on a 401. */
export async function authorizedFetch(
  url: string,
  init: RequestInit = {},
  anonymous = false,
): Promise<Response> {
  if (!anonymous && !tokens.access() && tokens.refresh()) {
    // After a reload only the refresh token is left: trade it before the first call.
    if (!(await refreshSession())) throw sessionExpired();
  }
  let response = await send(url, init, anonymous);
  if (response.status === 401 && !anonymous) {
    if (!(await refreshSession())) throw sessionExpired();
    response = await send(url, init, anonymous);
    if (response.status === 401) throw sessionExpired();
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

async function request<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  // Typed by `verb`'s callers; spelled out here, the union of every path's options grows past
  // what TypeScript can represent.
  options: unknown,
): Promise<ResponseOf<P, M>> {
  const opts = (options ?? {}) as {
    body?: unknown;
    query?: Record<string, QueryValue>;
    path?: Record<string, string | number>;
    anonymous?: boolean;
    signal?: AbortSignal;
  };
  const init: RequestInit = { method: method.toUpperCase(), signal: opts.signal ?? null };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const url = buildUrl(path as string, opts.path, opts.query);
  const response = await authorizedFetch(url, init, opts.anonymous ?? false);
  if (response.status === 204) return undefined as ResponseOf<P, M>;
  return (await response.json()) as ResponseOf<P, M>;
}

type Args<P extends keyof paths, M extends Method> =
  {} extends RequestOptions<P, M>
    ? [options?: RequestOptions<P, M>]
    : [options: RequestOptions<P, M>];

function verb<M extends Method>(method: M) {
  return <P extends PathsWith<M>>(path: P, ...args: Args<P, M>) =>
    request<P, M>(method, path, (args as unknown[])[0]);
}

export const api = {
  get: verb('get'),
  post: verb('post'),
  patch: verb('patch'),
  put: verb('put'),
  delete: verb('delete'),
};
