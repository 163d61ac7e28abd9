import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { onSessionExpired } from '@/api/client';
import { isApiError } from '@/api/errors';
import { OPERATION_PERMISSIONS, type Operation } from '@/api/permissions.gen';
import { tokens } from '@/api/tokens';
import type { Profile, Tokens } from '@/api/types';
import { useTheme } from '@/hooks/useTheme';
import { authApi, isTwoFactorRequired, type Credentials } from '@/services/auth';
import { queryKeys } from '@/services/queryKeys';

// Operations any signed-in person may call (the API's AUTHENTICATED and ANY_CALLER).
const ANY_LOGIN = ['authenticated', 'any_caller'];

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export type LoginOutcome =
  | { kind: 'signed_in' }
  | { kind: 'two_factor'; challengeToken: string; remember: boolean };

export interface AuthState {
  status: AuthStatus;
  user: Profile | null;
  /** How the last session ended: on its own ("expired", the login page says so) or by logging out. */
  endedReason: 'expired' | 'logout' | null;
  error: unknown;
  retry: () => void;
  login: (credentials: Credentials) => Promise<LoginOutcome>;
  completeTwoFactor: (challengeToken: string, code: string, remember: boolean) => Promise<void>;
  logout: () => Promise<void>;
  /** Whether the signed-in user holds `permission` (`authenticated`: anyone signed in). */
  can: (permission: string) => boolean;
  /** Whether the user may call an API operation, by the permission the OpenAPI gives it. */
  canCall: (operation: Operation) => boolean;
}

export const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { preference, setPreference } = useTheme();
  const [hasSession, setHasSession] = useState(() => tokens.refresh() !== null);
  const [endedReason, setEndedReason] = useState<'expired' | 'logout' | null>(null);

  const profile = useQuery({
    queryKey: queryKeys.me,
    queryFn: authApi.profile,
    enabled: hasSession,
    staleTime: 60_000,
  });

  useEffect(
    () =>
      onSessionExpired(() => {
        setHasSession(false);
        setEndedReason('expired');
        queryClient.clear();
      }),
    [queryClient],
  );

  // The theme saved to the account wins once per sign-in (it follows the user across devices);
  // after that the local toggle leads, so a slow save cannot flip the theme back.
  const savedTheme = profile.data?.preferences.theme;
  const userId = profile.data?.id;
  const themeSyncedFor = useRef<number | null>(null);
  useEffect(() => {
    if (userId === undefined || themeSyncedFor.current === userId) return;
    themeSyncedFor.current = userId;
    if (
      (savedTheme === 'light' || savedTheme === 'dark' || savedTheme === 'system') &&
      savedTheme !== preference
    ) {
      setPreference(savedTheme);
    }
  }, [userId, savedTheme, preference, setPreference]);

  const startSession = useCallback(
    async (pair: Tokens, remember: boolean) => {
      tokens.save(pair.access_token, pair.refresh_token, remember);
      queryClient.clear();
      setEndedReason(null);
      await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: authApi.profile });
      setHasSession(true);
    },
    [queryClient],
  );

  const login = useCallback(
    async (credentials: Credentials): Promise<LoginOutcome> => {
      const outcome = await authApi.login(credentials);
      if (isTwoFactorRequired(outcome)) {
        return {
          kind: 'two_factor',
          challengeToken: outcome.challenge_token,
          remember: credentials.remember_me,
        };
      }
      await startSession(outcome, credentials.remember_me);
      return { kind: 'signed_in' };
    },
    [startSession],
  );

  const completeTwoFactor = useCallback(
    async (challengeToken: string, code: string, remember: boolean) => {
      await startSession(await authApi.loginSecondFactor(challengeToken, code), remember);
    },
    [startSession],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Signed out here whatever the server says; the session expires there on its own.
    }
    tokens.clear();
    themeSyncedFor.current = null;
    setHasSession(false);
    setEndedReason('logout');
    queryClient.clear();
  }, [queryClient]);

  const user = hasSession ? (profile.data ?? null) : null;
  const expired = isApiError(profile.error) && profile.error.status === 401;
  let status: AuthStatus;
  if (!hasSession || expired) status = 'anonymous';
  else if (user) status = 'authenticated';
  else if (profile.isError) status = 'error';
  else status = 'loading';

  const can = useCallback(
    (permission: string) =>
      !!user && (ANY_LOGIN.includes(permission) || user.permissions.includes(permission)),
    [user],
  );
  const canCall = useCallback(
    (operation: Operation) => can(OPERATION_PERMISSIONS[operation]),
    [can],
  );

  const value = useMemo<AuthState>(
    () => ({
      status,
      user,
      endedReason,
      error: profile.error,
      retry: () => void profile.refetch(),
      login,
      completeTwoFactor,
      logout,
      can,
      canCall,
    }),
    [status, user, endedReason, profile, login, completeTwoFactor, logout, can, canCall],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
