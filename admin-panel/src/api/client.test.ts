import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, onSessionExpired } from './client';
import { ApiError, describeError } from './errors';
import { tokens } from './tokens';
import { bearer, envelope, json, mockFetch } from '@/test/http';

const PROFILE = { id: 1, email: 'ada@example.org' };

function refreshed(n: number) {
  return json(200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900, session_id: 's' });
}

describe('api client: tokens and silent refresh', () => {
  beforeEach(() => tokens.save('access-0', 'refresh-0', true));
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('sends the access token and returns the JSON body', async () => {
    const fetch = mockFetch(() => json(200, PROFILE));
    await expect(api.get('/api/auth/user/')).resolves.toEqual(PROFILE);
    expect(bearer(fetch.mock.calls[0]![1]!)).toBe('Bearer access-0');
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/token/refresh/') return refreshed(1);
      return bearer(init) === 'Bearer access-1' ? json(200, PROFILE) : envelope(401, 'token_expired', 'Expired');
    });
    await expect(api.get('/api/auth/user/')).resolves.toEqual(PROFILE);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['/api/auth/user/', '/api/auth/token/refresh/', '/api/auth/user/']);
    expect(JSON.parse(String(fetch.mock.calls[1]![1]!.body))).toEqual({ refresh_token: 'refresh-0' });
    expect(tokens.refresh()).toBe('refresh-1');
    expect(localStorage.getItem('simdesk.refresh')).toBe('refresh-1');
  });

  it('shares one refresh between concurrent requests (single flight)', async () => {
    let refreshes = 0;
    mockFetch(async (url, init) => {
      if (url === '/api/auth/token/refresh/') {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return refreshed(refreshes);
      }
      return bearer(init) === 'Bearer access-1' ? json(200, PROFILE) : envelope(401, 'token_expired', 'Expired');
    });
    const results = await Promise.all([api.get('/api/auth/user/'), api.get('/api/auth/sessions/'), api.get('/api/auth/user/')]);
    expect(results).toHaveLength(3);
    expect(refreshes).toBe(1);
  });

  it('ends the session when the refresh is refused, and says so', async () => {
    const expired = vi.fn();
    const unsubscribe = onSessionExpired(expired);
    mockFetch((url) =>
      url === '/api/auth/token/refresh/'
        ? envelope(401, 'refresh_token_reused', 'Your session has ended.')
        : envelope(401, 'token_expired', 'Expired'),
    );
    const error = await api.get('/api/auth/user/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('session_expired');
    expect(expired).toHaveBeenCalledTimes(1);
    expect(tokens.refresh()).toBeNull();
    expect(tokens.access()).toBeNull();
    unsubscribe();
  });

  it('trades the stored refresh token before the first call after a reload', async () => {
    tokens.clear();
    sessionStorage.setItem('simdesk.refresh', 'refresh-0');
    const fetch = mockFetch((url, init) =>
      url === '/api/auth/token/refresh/' ? refreshed(1) : bearer(init) ? json(200, PROFILE) : envelope(401, 'x', 'x'),
    );
    await api.get('/api/auth/user/');
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['/api/auth/token/refresh/', '/api/auth/user/']);
    // Not remembered: the new token stays in this tab only.
    expect(sessionStorage.getItem('simdesk.refresh')).toBe('refresh-1');
    expect(localStorage.getItem('simdesk.refresh')).toBeNull();
  });

  it('never refreshes for public endpoints: a refused login is just an error', async () => {
    const fetch = mockFetch(() => envelope(401, 'invalid_credentials', 'The email/username or password is incorrect.'));
    const error = (await api
      .post('/api/auth/login/', { body: { login: 'a', password: 'b', remember_me: false }, anonymous: true })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('invalid_credentials');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(bearer(fetch.mock.calls[0]![1]!)).toBeNull();
  });

  it('turns a 500 into an ApiError carrying the request id, and a 429 its Retry-After', async () => {
    mockFetch((url) =>
      url.includes('staff')
        ? envelope(500, 'internal_error', 'Something went wrong on our side.', null, 'req-500')
        : json(429, { error: { code: 'rate_limited', message: 'Too many attempts.', request_id: 'r' } }, { 'Retry-After': '120' }),
    );
    const server = (await api.get('/api/admin/staff/').catch((e: unknown) => e)) as ApiError;
    expect([server.status, server.requestId, server.isServerError]).toEqual([500, 'req-500', true]);
    const limited = (await api.get('/api/admin/roles/').catch((e: unknown) => e)) as ApiError;
    expect([limited.status, limited.retryAfter]).toEqual([429, 120]);
    expect(describeError(limited)).toBe('Too many attempts. You can try again in 2 minutes.');
  });

  it('fills path parameters and drops empty query values', async () => {
    const fetch = mockFetch(() => json(200, { items: [], total: 0, page: 2, page_size: 10 }));
    await api.get('/api/admin/audit-logs/', { query: { page: 2, page_size: 10, action: '', entity_id: 'a b' } });
    expect(fetch.mock.calls[0]![0]).toBe('/api/admin/audit-logs/?page=2&page_size=10&entity_id=a+b');
    await api.delete('/api/auth/sessions/{session_id}/', { path: { session_id: 'x/y' } }).catch(() => undefined);
    expect(fetch.mock.calls[1]![0]).toBe('/api/auth/sessions/x%2Fy/');
  });
});
