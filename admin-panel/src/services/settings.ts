import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authorizedFetch } from '@/api/client';
import type { ApiKeyCreated, FileRead, SettingsByGroup } from '@/api/types';
import { queryKeys } from './queryKeys';

export type SettingsGroup = keyof SettingsByGroup;
export type SettingValue = string | number | boolean | null;

export function useSettings(enabled = true) {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: ({ signal }) => api.get('/api/settings/', { signal }),
    enabled,
  });
}

/** Company name and branding: no login needed, so the login page is branded too. */
export function usePublicSettings() {
  return useQuery({
    queryKey: queryKeys.publicSettings,
    queryFn: ({ signal }) => api.get('/api/settings/public/', { anonymous: true, signal }),
    staleTime: 5 * 60_000,
  });
}

/** Change some of a group's settings (null resets one); the API applies all or nothing. */
export function useUpdateSettings(group: SettingsGroup) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Record<string, SettingValue>) =>
      api.patch('/api/settings/{group}/', { path: { group }, body: changes }),
    // Every settings query starts with 'settings': the public ones (branding) too.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.settings }),
  });
}

/** POST multipart: `api.*` sends JSON only. */
export function useUploadLogo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<FileRead> => {
      const form = new FormData();
      form.append('file', file);
      const response = await authorizedFetch('/api/settings/branding/logo/', { method: 'POST', body: form });
      return (await response.json()) as FileRead;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.settings }),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: ({ signal }) => api.get('/api/settings/notification-templates/', { signal }),
  });
}

type TemplateId = { channel: 'email' | 'sms'; name: string };

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, name, subject, body }: TemplateId & { subject: string; body: string }) =>
      api.put('/api/settings/notification-templates/{channel}/{name}/', { path: { channel, name }, body: { subject, body } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.templates }),
  });
}

export function useResetTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, name }: TemplateId) =>
      api.delete('/api/settings/notification-templates/{channel}/{name}/', { path: { channel, name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.templates }),
  });
}

/** Renders a draft with sample values for its variables; nothing is saved. */
export function usePreviewTemplate() {
  return useMutation({
    mutationFn: ({ channel, name, subject, body }: TemplateId & { subject: string; body: string }) =>
      api.post('/api/settings/notification-templates/{channel}/{name}/preview/', {
        path: { channel, name },
        body: { subject: channel === 'email' ? subject : null, body },
      }),
  });
}

export function useApiKeys(query: { page: number; page_size: number; ordering?: string }) {
  return useQuery({
    queryKey: queryKeys.apiKeys(query),
    queryFn: ({ signal }) => api.get('/api/settings/api-keys/', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: string[]; expires_at: string | null }): Promise<ApiKeyCreated> =>
      api.post('/api/settings/api-keys/', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.apiKeysAll }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post('/api/settings/api-keys/{key_id}/revoke/', { path: { key_id: id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.apiKeysAll }),
  });
}
