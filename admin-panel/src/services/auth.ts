import { api } from '@/api/client';
import type { Tokens, TwoFactorRequired } from '@/api/types';

export interface Credentials {
  login: string;
  password: string;
  remember_me: boolean;
}

export function isTwoFactorRequired(
  outcome: Tokens | TwoFactorRequired,
): outcome is TwoFactorRequired {
  return 'two_factor_required' in outcome && outcome.two_factor_required === true;
}

export const authApi = {
  login: (body: Credentials) => api.post('/api/auth/login/', { body, anonymous: true }),
  loginSecondFactor: (challenge_token: string, code: string) =>
    api.post('/api/auth/login/2fa/', { body: { challenge_token, code }, anonymous: true }),
  logout: () => api.post('/api/auth/logout/'),
  profile: () => api.get('/api/auth/user/'),
  requestReset: (email: string) =>
    api.post('/api/auth/password/reset/', { body: { email }, anonymous: true }),
  confirmReset: (token: string, new_password: string) =>
    api.post('/api/auth/password/reset/confirm/', {
      body: { token, new_password },
      anonymous: true,
    }),
  verifyEmail: (token: string) =>
    api.post('/api/auth/verify-email/', { body: { token }, anonymous: true }),
};
