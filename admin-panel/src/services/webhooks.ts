import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';

export type WebhookEndpoint = components['schemas']['WebhookEndpointRead'];
export type WebhookEndpointCreated = components['schemas']['WebhookEndpointCreated'];
export type WebhookEndpointCreate = components['schemas']['WebhookEndpointCreate'];
export type WebhookEndpointUpdate = components['schemas']['WebhookEndpointUpdate'];
export type WebhookDelivery = components['schemas']['WebhookDeliveryRead'];
export type WebhookDeliveryStatus = components['schemas']['WebhookDeliveryStatus'];
export type WebhookEvent = WebhookEndpointCreate['event_types'][number];

type Paging = { page: number; page_size: number };

export const WEBHOOK_EVENTS: readonly [WebhookEvent, string][] = [
  ['order.status_changed', 'An order changes status'],
  ['payment.captured', 'A payment is captured'],
  ['refund.completed', 'A refund completes'],
];

const ALL = ['webhooks'] as const;
const endpointKey = (id: number) => [...ALL, id] as const;

export function useWebhookEndpoints(paging: Paging) {
  return useQuery({
    queryKey: [...ALL, 'list', paging],
    queryFn: ({ signal }) => api.get('/api/settings/webhooks/', { query: paging, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useWebhookEndpoint(id: number) {
  return useQuery({
    queryKey: endpointKey(id),
    queryFn: ({ signal }) => api.get('/api/settings/webhooks/{endpoint_id}/', { path: { endpoint_id: id }, signal }),
  });
}

/** Polled: pings and retries are sent by a workflow, so their outcome lands a moment later. */
export function useWebhookDeliveries(id: number, status: string, paging: Paging) {
  return useQuery({
    queryKey: [...endpointKey(id), 'deliveries', status, paging],
    queryFn: ({ signal }) =>
      api.get('/api/settings/webhooks/{endpoint_id}/deliveries/', {
        path: { endpoint_id: id },
        query: { ...paging, status: (status || undefined) as WebhookDeliveryStatus | undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
}

function useWebhookMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: ALL }) });
}

export function useCreateWebhookEndpoint() {
  return useWebhookMutation((body: WebhookEndpointCreate) => api.post('/api/settings/webhooks/', { body }));
}

export function useUpdateWebhookEndpoint() {
  return useWebhookMutation(({ id, body }: { id: number; body: WebhookEndpointUpdate }) =>
    api.patch('/api/settings/webhooks/{endpoint_id}/', { path: { endpoint_id: id }, body }),
  );
}

export function useDeleteWebhookEndpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete('/api/settings/webhooks/{endpoint_id}/', { path: { endpoint_id: id } }),
    onSuccess: async (_, id) => {
      client.removeQueries({ queryKey: endpointKey(id) });
      await client.invalidateQueries({ queryKey: [...ALL, 'list'] });
    },
  });
}

export function usePingWebhookEndpoint() {
  return useWebhookMutation((id: number) =>
    api.post('/api/settings/webhooks/{endpoint_id}/ping/', { path: { endpoint_id: id } }),
  );
}

export function useRetryWebhookDelivery() {
  return useWebhookMutation(({ endpointId, deliveryId }: { endpointId: number; deliveryId: number }) =>
    api.post('/api/settings/webhooks/{endpoint_id}/deliveries/{delivery_pk}/retry/', {
      path: { endpoint_id: endpointId, delivery_pk: deliveryId },
    }),
  );
}
