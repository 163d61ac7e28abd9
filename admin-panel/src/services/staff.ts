import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { StaffCreate, StaffUpdate } from '@/api/types';
import { queryKeys } from './queryKeys';

export function useStaffList(params: { page: number; page_size: number }) {
  return useQuery({
    queryKey: queryKeys.staff(params),
    queryFn: ({ signal }) => api.get('/api/admin/staff/', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

function useStaffMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.staffAll }),
  });
}

export function useCreateStaff() {
  return useStaffMutation((body: StaffCreate) => api.post('/api/admin/staff/', { body }));
}

export function useUpdateStaff() {
  return useStaffMutation(({ id, body }: { id: number; body: StaffUpdate }) =>
    api.patch('/api/admin/staff/{account_id}/', { path: { account_id: id }, body }),
  );
}

export function useDeactivateStaff() {
  return useStaffMutation((id: number) => api.delete('/api/admin/staff/{account_id}/', { path: { account_id: id } }));
}

export function useForcePasswordReset() {
  return useStaffMutation((id: number) =>
    api.post('/api/admin/staff/{account_id}/force-password-reset/', { path: { account_id: id } }),
  );
}

export function useUnlockAccount() {
  return useMutation({
    mutationFn: (id: number) => api.post('/api/admin/accounts/{account_id}/unlock/', { path: { account_id: id } }),
  });
}
