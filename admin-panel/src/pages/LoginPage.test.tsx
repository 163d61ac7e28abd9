import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { renderWithProviders } from '@/test/render';
import LoginPage from './LoginPage';

const PROFILE = {
  id: 1, kind: 'staff', email: 'ada@example.org', username: null, first_name: 'Ada', last_name: 'L',
  phone: null, role: 'admin', permissions: [], two_factor_enabled: true, two_factor_setup_required: false,
  must_change_password: false, preferences: {}, reseller_id: null, public_user_id: null, last_login_at: null,
};
const TOKENS = { access_token: 'a1', refresh_token: 'r1', token_type: 'Bearer', expires_in: 900, session_id: 's1' };

function renderLogin(path = '/login?next=%2Fsettings%2Fstaff') {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/settings/staff" element={<p>Staff page</p>} />
      <Route path="/dashboard" element={<p>Dashboard</p>} />
    </Routes>,
    { path },
  );
}

describe('LoginPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('asks for the second factor, then goes to the page that was asked for', async () => {
    const fetch = mockFetch((url) => {
      if (url === '/api/auth/login/') return json(200, { two_factor_required: true, challenge_token: 'c1', expires_in: 300 });
      if (url === '/api/auth/login/2fa/') return json(200, TOKENS);
      return json(200, PROFILE);
    });
    const user = userEvent.setup();
    renderLogin();
    await user.type(screen.getByLabelText('Email or username'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByLabelText('Remember me'));
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    await user.type(await screen.findByLabelText('Authentication code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Staff page')).toBeInTheDocument();
    expect(JSON.parse(String(fetch.mock.calls[1]![1]!.body))).toEqual({ challenge_token: 'c1', code: '123456' });
    // "Remember me" keeps the refresh token beyond the tab; the access token stays in memory.
    expect(localStorage.getItem('simdesk.refresh')).toBe('r1');
    expect(tokens.access()).toBe('a1');
  });

  it('shows a refused login and a lockout with when to retry', async () => {
    let attempts = 0;
    mockFetch(() => {
      attempts += 1;
      return attempts === 1
        ? envelope(401, 'invalid_credentials', 'The email/username or password is incorrect.')
        : json(429, { error: { code: 'rate_limited', message: 'Too many failed attempts. Try again later.' } }, { 'Retry-After': '900' });
    });
    const user = userEvent.setup();
    renderLogin('/login');
    await user.type(screen.getByLabelText('Email or username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email/username or password is incorrect.');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText(/You can try again in 15 minutes/)).toBeInTheDocument();
  });

  it('does not follow a `next` that leaves the panel', async () => {
    mockFetch((url) => (url === '/api/auth/login/' ? json(200, TOKENS) : json(200, PROFILE)));
    const user = userEvent.setup();
    renderLogin('/login?next=%2F%2Fevil.example%2F');
    await user.type(screen.getByLabelText('Email or username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    expect(sessionStorage.getItem('simdesk.refresh')).toBe('r1');
  });
});
