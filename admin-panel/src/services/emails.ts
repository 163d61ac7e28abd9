import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';

export type CampaignCreate = components['schemas']['CampaignCreate'];
export type CampaignRead = components['schemas']['CampaignRead'];
export type CampaignDetail = components['schemas']['CampaignDetail'];
export type CampaignStatus = components['schemas']['CampaignStatus'];
export type RecipientRead = components['schemas']['RecipientRead'];
export type RecipientStatus = components['schemas']['RecipientStatus'];
export type Segment = components['schemas']['Segment'];

type Paging = { page: number; page_size: number };

const ALL = ['emails'] as const;
const campaignKey = (id: number) => [...ALL, id] as const;

export function useCampaigns(paging: Paging) {
  return useQuery({
    queryKey: [...ALL, 'list', paging],
    queryFn: ({ signal }) => api.get('/api/admin/emails/', { query: paging, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Polled while it sends: the workflow works through the recipients in batches. */
export function useCampaign(id: number) {
  return useQuery({
    queryKey: campaignKey(id),
    queryFn: ({ signal }) => api.get('/api/admin/emails/{campaign_id}/', { path: { campaign_id: id }, signal }),
    refetchInterval: (query) => (query.state.data?.status === 'sending' ? 3000 : false),
  });
}

export function useCampaignRecipients(id: number, paging: Paging, sending: boolean) {
  return useQuery({
    queryKey: [...campaignKey(id), 'recipients', paging],
    queryFn: ({ signal }) =>
      api.get('/api/admin/emails/{campaign_id}/recipients/', { path: { campaign_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: sending ? 3000 : false,
  });
}

export function usePreviewEmail() {
  return useMutation({ mutationFn: (body: CampaignCreate) => api.post('/api/admin/emails/preview/', { body }) });
}

export function useSendTestEmail() {
  return useMutation({
    mutationFn: (body: Pick<CampaignCreate, 'subject' | 'body'>) => api.post('/api/admin/emails/test/', { body }),
  });
}

export function useSendEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignCreate) => api.post('/api/admin/emails/', { body }),
    onSuccess: async (created) => {
      client.setQueryData(campaignKey(created.id), created);
      await client.invalidateQueries({ queryKey: [...ALL, 'list'] });
    },
  });
}

export function useCancelCampaign(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/admin/emails/{campaign_id}/cancel/', { path: { campaign_id: id } }),
    onSuccess: async (detail) => {
      client.setQueryData(campaignKey(id), detail);
      await client.invalidateQueries({ queryKey: ALL });
    },
  });
}
