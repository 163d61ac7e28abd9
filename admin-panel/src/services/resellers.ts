import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { ClientCreate, ResellerCreate, ResellerStatus } from '@/api/types';
import { useLiveOrderRows } from './orders';
import { queryKeys } from './queryKeys';

type ListQuery = Record<string, string | number> & { page: number; page_size: number };
type Paging = { page: number; page_size: number };

export const RESELLER_FILTERS = ['search', 'status', 'country', 'created_from', 'created_to'] as const;

export function useResellerList(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.resellers(query),
    queryFn: ({ signal }) => api.get('/api/resellers/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useReseller(id: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.reseller(id),
    queryFn: ({ signal }) => api.get('/api/resellers/{reseller_id}/', { path: { reseller_id: id }, signal }),
    enabled,
  });
}

export function useResellerClients(id: number, paging: Paging) {
  return useQuery({
    queryKey: queryKeys.resellerClients(id, paging),
    queryFn: ({ signal }) =>
      api.get('/api/resellers/{reseller_id}/clients/', { path: { reseller_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A page of the orders of this reseller, fetched again when one of them changes status live. */
export function useResellerOrders(id: number, paging: Paging) {
  const queryKey = queryKeys.resellerRelated(id, 'orders', paging);
  const orders = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      api.get('/api/resellers/{reseller_id}/orders/', { path: { reseller_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
  });
  useLiveOrderRows(orders.data?.items, queryKey);
  return orders;
}

/** The reseller's audit trail; unlike the audit log, it needs only resellers:read. */
export function useResellerActivity(id: number, paging: Paging) {
  return useQuery({
    queryKey: queryKeys.resellerRelated(id, 'activity', paging),
    queryFn: ({ signal }) =>
      api.get('/api/resellers/{reseller_id}/activity/', { path: { reseller_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Active plans to offer a new client; the catalogue may hold more, but a picker of 100 is plenty. */
export function useActivePlans(enabled: boolean) {
  const query = { is_active: true, page_size: 100, ordering: 'name' };
  return useQuery({
    queryKey: queryKeys.plans(query),
    queryFn: ({ signal }) => api.get('/api/catalog/plans/', { query, signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

function useResellerMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.resellersAll });
      // Every change is written to the audit log (the activity tab, under resellersAll, included).
      await client.invalidateQueries({ queryKey: ['logs'] });
    },
  });
}

export function useCreateReseller() {
  return useResellerMutation((body: ResellerCreate) => api.post('/api/resellers/', { body }));
}

export function useReplaceReseller() {
  return useResellerMutation(({ id, body }: { id: number; body: ResellerCreate }) =>
    api.put('/api/resellers/{reseller_id}/', { path: { reseller_id: id }, body }),
  );
}

export function useChangeResellerStatus() {
  return useResellerMutation(({ id, status, reason }: { id: number; status: ResellerStatus; reason: string }) =>
    api.patch('/api/resellers/{reseller_id}/status/', { path: { reseller_id: id }, body: { status, reason } }),
  );
}

export function useDeleteReseller() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete('/api/resellers/{reseller_id}/', { path: { reseller_id: id } }),
    onSuccess: async (_, id) => {
      // Gone: refetching its details would only answer 404 on the page being left.
      client.removeQueries({ queryKey: queryKeys.reseller(id) });
      await client.invalidateQueries({ queryKey: queryKeys.resellersLists });
    },
  });
}

export function useCreateClient() {
  return useResellerMutation(({ resellerId, body }: { resellerId: number; body: ClientCreate }) =>
    api.post('/api/resellers/{reseller_id}/clients/', { path: { reseller_id: resellerId }, body }),
  );
}
