import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { queryKeys } from './queryKeys';

type ProfileUpdate = components['schemas']['ProfileUpdate'];

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => api.patch('/api/auth/user/', { body }),
    onSuccess: (profile) => client.setQueryData(queryKeys.me, profile),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      api.post('/api/auth/password/change/', { body }),
    // Every other session was signed out.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: queryKeys.sessions, queryFn: () => api.get('/api/auth/sessions/') });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/auth/sessions/{session_id}/', { path: { session_id: id } }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useEnrolTwoFactor() {
  return useMutation({ mutationFn: () => api.post('/api/auth/2fa/enrol/') });
}

export function useConfirmTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post('/api/auth/2fa/confirm/', { body: { code } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) => api.post('/api/auth/2fa/disable/', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
