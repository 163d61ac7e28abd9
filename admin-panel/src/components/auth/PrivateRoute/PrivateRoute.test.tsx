import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes, useLocation } from 'react-router';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { renderWithProviders } from '@/test/render';
import { PrivateRoute } from './PrivateRoute';

function LoginProbe() {
  const location = useLocation();
  return <p>login page {location.search}</p>;
}

function renderAt(path: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginProbe />} />
      <Route path="/setup-2fa" element={<p>enrol</p>} />
      <Route element={<PrivateRoute />}>
        <Route path="/settings/staff" element={<p>staff list</p>} />
      </Route>
    </Routes>,
    { path },
  );
}

const PROFILE = { id: 1, email: 'a@example.org', first_name: 'A', last_name: '', permissions: [], preferences: {}, two_factor_setup_required: false };

describe('PrivateRoute', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('sends visitors without a session to /login, keeping the page', async () => {
    renderAt('/settings/staff?page=2');
    expect(await screen.findByText('login page ?next=%2Fsettings%2Fstaff%3Fpage%3D2')).toBeInTheDocument();
  });

  it('restores a remembered session after a reload', async () => {
    localStorage.setItem('simdesk.refresh', 'r0');
    mockFetch((url) =>
      url === '/api/auth/token/refresh/'
        ? json(200, { access_token: 'a1', refresh_token: 'r1', expires_in: 900, session_id: 's' })
        : json(200, PROFILE),
    );
    renderAt('/settings/staff');
    expect(await screen.findByText('staff list')).toBeInTheDocument();
    expect(localStorage.getItem('simdesk.refresh')).toBe('r1');
  });

  it('goes to /login keeping the page when the session cannot be refreshed', async () => {
    localStorage.setItem('simdesk.refresh', 'stale');
    mockFetch(() => envelope(401, 'invalid_refresh_token', 'Your session has ended.'));
    renderAt('/settings/staff');
    expect(await screen.findByText('login page ?next=%2Fsettings%2Fstaff')).toBeInTheDocument();
    expect(localStorage.getItem('simdesk.refresh')).toBeNull();
  });

  it('sends users who must enrol in 2FA to the enrolment screen', async () => {
    tokens.save('a', 'r', false);
    mockFetch(() => json(200, { ...PROFILE, two_factor_setup_required: true }));
    renderAt('/settings/staff');
    expect(await screen.findByText('enrol')).toBeInTheDocument();
  });

  it('shows a friendly error with the request id when the server fails', async () => {
    tokens.save('a', 'r', false);
    mockFetch(() => envelope(500, 'internal_error', 'Something went wrong on our side.', null, 'req-42'));
    renderAt('/settings/staff');
    const alert = await screen.findByRole('alert', {}, { timeout: 8000 });
    expect(alert).toHaveTextContent('req-42');
  });
});
