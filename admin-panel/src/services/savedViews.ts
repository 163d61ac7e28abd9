import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { queryKeys } from './queryKeys';

export type SavedViewRead = components['schemas']['SavedViewRead'];
type SavedViewCreate = components['schemas']['SavedViewCreate'];

/** The signed-in person's saved views of one list, oldest first. */
export function useSavedViewList(listKey: string) {
  return useQuery({
    queryKey: queryKeys.savedViews(listKey),
    queryFn: ({ signal }) => api.get('/api/auth/user/saved-views/', { query: { list: listKey }, signal }),
  });
}

/** Saves under a name: the API replaces a view of that name, in its place, or adds one. */
export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewCreate) => api.post('/api/auth/user/saved-views/', { body }),
    onSuccess: (saved) =>
      client.setQueryData<SavedViewRead[]>(queryKeys.savedViews(saved.list_key), (views = []) =>
        views.some((view) => view.id === saved.id)
          ? views.map((view) => (view.id === saved.id ? saved : view))
          : [...views, saved],
      ),
  });
}

export function useDeleteView(listKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete('/api/auth/user/saved-views/{view_id}/', { path: { view_id: id } }),
    onSuccess: (_, id) =>
      client.setQueryData<SavedViewRead[]>(queryKeys.savedViews(listKey), (views = []) =>
        views.filter((view) => view.id !== id),
      ),
  });
}
