import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { queryKeys } from './queryKeys';

export const LATEST_NOTIFICATIONS = 8;

/** The bell's number; kept current by live updates (see NotificationBell), fetched once. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: queryKeys.unreadCount,
    queryFn: ({ signal }) => api.get('/api/notifications/unread-count/', { signal }),
    enabled,
    staleTime: Infinity,
  });
}

export function useLatestNotifications(enabled = true) {
  return useQuery({
    queryKey: queryKeys.latestNotifications,
    queryFn: ({ signal }) =>
      api.get('/api/notifications/', { query: { page_size: LATEST_NOTIFICATIONS }, signal }),
    enabled,
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/notifications/read-all/'),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.notificationsAll }),
  });
}
