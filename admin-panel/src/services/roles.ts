import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { RoleCreate, RoleUpdate } from '@/api/types';
import { queryKeys } from './queryKeys';

export function useRoles() {
  return useQuery({ queryKey: queryKeys.roles, queryFn: () => api.get('/api/admin/roles/'), staleTime: 60_000 });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: queryKeys.permissions,
    queryFn: () => api.get('/api/admin/permissions/'),
    staleTime: 10 * 60_000,
  });
}

function useRoleMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.roles });
      // The signed-in user's own role may have changed.
      await client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useCreateRole() {
  return useRoleMutation((body: RoleCreate) => api.post('/api/admin/roles/', { body }));
}

export function useUpdateRole() {
  return useRoleMutation(({ id, body }: { id: number; body: RoleUpdate }) =>
    api.patch('/api/admin/roles/{role_id}/', { path: { role_id: id }, body }),
  );
}

export function useDeleteRole() {
  return useRoleMutation((id: number) => api.delete('/api/admin/roles/{role_id}/', { path: { role_id: id } }));
}
