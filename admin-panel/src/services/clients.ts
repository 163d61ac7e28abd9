import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { ClientStatus, ClientUpdate } from '@/api/types';
import { queryKeys } from './queryKeys';

type ListQuery = Record<string, string | number> & { page: number; page_size: number };

export const CLIENT_FILTERS = ['search', 'reseller_id', 'status'] as const;

export function useClientList(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.clients(query),
    queryFn: ({ signal }) => api.get('/api/clients/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClient(id: number) {
  return useQuery({
    queryKey: queryKeys.client(id),
    queryFn: ({ signal }) => api.get('/api/clients/{client_id}/', { path: { client_id: id }, signal }),
  });
}

function useClientMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.clientsAll });
      // A reseller's clients tab and its counts.
      await client.invalidateQueries({ queryKey: queryKeys.resellersAll });
    },
  });
}

export function useUpdateClient() {
  return useClientMutation(({ id, body }: { id: number; body: ClientUpdate }) =>
    api.patch('/api/clients/{client_id}/', { path: { client_id: id }, body }),
  );
}

export function useChangeClientStatus() {
  return useClientMutation(({ id, status, reason }: { id: number; status: ClientStatus; reason: string }) =>
    api.patch('/api/clients/{client_id}/status/', { path: { client_id: id }, body: { status, reason } }),
  );
}
