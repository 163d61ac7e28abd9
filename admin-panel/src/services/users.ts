import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { saveFile } from './download';
import { useLiveOrderRows } from './orders';
import { queryKeys } from './queryKeys';

type ListQuery = Record<string, string | number> & { page: number; page_size: number };
type Paging = { page: number; page_size: number };

export const USER_FILTERS = ['search', 'city', 'status'] as const;

export function useUserList(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.users(query),
    queryFn: ({ signal }) => api.get('/api/users/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: number) {
  return useQuery({
    queryKey: queryKeys.user(id),
    queryFn: ({ signal }) => api.get('/api/users/{user_id}/', { path: { user_id: id }, signal }),
  });
}

/** A page of the orders of this user, fetched again when one of them changes status live. */
export function useUserOrders(id: number, paging: Paging) {
  const queryKey = queryKeys.userRelated(id, 'orders', paging);
  const orders = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get('/api/users/{user_id}/orders/', { path: { user_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
  });
  useLiveOrderRows(orders.data?.items, queryKey);
  return orders;
}

export function useUserTransactions(id: number, paging: Paging) {
  return useQuery({
    queryKey: queryKeys.userRelated(id, 'transactions', paging),
    queryFn: ({ signal }) =>
      api.get('/api/users/{user_id}/transactions/', { path: { user_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUserTickets(id: number, paging: Paging) {
  return useQuery({
    queryKey: queryKeys.userRelated(id, 'tickets', paging),
    queryFn: ({ signal }) =>
      api.get('/api/users/{user_id}/support-tickets/', { path: { user_id: id }, query: paging, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useChangeUserStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: number; action: 'block' | 'unblock'; reason: string }) =>
      api.patch('/api/users/{user_id}/status/', { path: { user_id: id }, body: { action, reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.usersAll }),
  });
}

/** Everything held about the person (GET …/data-export/, audited), saved as a JSON file. */
export async function downloadPersonalData(id: number): Promise<void> {
  const data = await api.get('/api/users/{user_id}/data-export/', { path: { user_id: id } });
  saveFile(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `user-${id}-personal-data.json`);
}

export function useErasePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      api.post('/api/users/{user_id}/erase/', { path: { user_id: id }, body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.usersAll }),
  });
}
