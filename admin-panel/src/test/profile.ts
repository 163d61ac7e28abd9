import type { Profile } from '@/api/types';
import { json } from './http';

/** A signed-in staff member holding `permissions`, as GET /api/auth/user/ answers. */
export function profile(permissions: string[] = []): Profile {
  return {
    id: 1,
    email: 'ada@example.org',
    username: null,
    first_name: 'Ada',
    last_name: 'Admin',
    kind: 'staff',
    role: 'admin',
    phone: null,
    avatar_url: null,
    permissions,
    preferences: {},
    last_login_at: null,
    must_change_password: false,
    two_factor_enabled: false,
    two_factor_setup_required: false,
    public_user_id: null,
    reseller_id: null,
  };
}

/** Answers the profile request, and hands every other request to `handler`. */
export function withProfile(handler: (url: string, init: RequestInit) => Response, permissions: string[] = []) {
  return (url: string, init: RequestInit) => (url === '/api/auth/user/' ? json(200, profile(permissions)) : handler(url, init));
}
