import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '@/components/common/Icon/Icon';
import { useLiveEvents, type LiveMessage } from '@/hooks/useLiveEvents';
import { useNotify } from '@/hooks/useNotify';
import { queryKeys } from '@/services/queryKeys';
import { useLatestNotifications, useMarkAllRead, useUnreadCount } from '@/services/notifications';
import { formatRelative } from '@/utils/format';

/**
 * The header's bell: the unread count, live from the socket (the API sends the fresh count after
 * every change), and a dropdown of the latest notifications with "mark all read".
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const client = useQueryClient();
  const { notifyError } = useNotify();
  const unread = useUnreadCount();
  const latest = useLatestNotifications(open);
  const markAll = useMarkAllRead();

  useLiveEvents((message: LiveMessage) => {
    if (message.type === 'notifications.unread') {
      client.setQueryData(queryKeys.unreadCount, { unread: Number(message.data.unread) });
    } else if (message.type === 'notification.created') {
      void client.invalidateQueries({ queryKey: queryKeys.latestNotifications });
    } else if (message.type === 'ready') {
      // Reconnected: whatever happened meanwhile is in the next count; the list may be stale.
      void client.invalidateQueries({ queryKey: queryKeys.latestNotifications });
    }
  });

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const count = unread.data?.unread ?? 0;
  const items = latest.data?.items ?? [];
  const label = count > 0 ? `Notifications, ${count} unread` : 'Notifications';

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="relative rounded-lg p-2 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <Icon name="bell" label={label} />
        {count > 0 && (
          <span
            aria-hidden="true"
            data-testid="unread-count"
            className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-rose-600 px-1.5 text-center text-xs leading-5 font-semibold text-white"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Notifications"
          className="absolute right-0 z-40 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 pt-1.5 pb-2.5 dark:border-slate-700">
            <p className="text-sm font-medium text-slate-900 dark:text-white">Notifications</p>
            <button
              type="button"
              disabled={count === 0 || markAll.isPending}
              onClick={() => markAll.mutate(undefined, { onError: notifyError })}
              className="text-xs font-medium text-indigo-600 hover:underline disabled:text-slate-400 disabled:no-underline dark:text-indigo-300"
            >
              Mark all read
            </button>
          </div>
          {latest.isPending ? (
            <p className="px-3 py-4 text-sm text-slate-500 dark:text-slate-400">Loading…</p>
          ) : latest.isError ? (
            <p className="px-3 py-4 text-sm text-rose-600">The notifications could not be loaded.</p>
          ) : items.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500 dark:text-slate-400">Nothing yet.</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto py-1">
              {items.map((item) => (
                <li key={item.id} className="rounded-lg px-3 py-2">
                  <p className="flex items-center gap-2 text-sm text-slate-900 dark:text-white">
                    {!item.read_at && (
                      <span aria-label="unread" className="size-2 shrink-0 rounded-full bg-indigo-500" />
                    )}
                    <span className="truncate font-medium">{item.title}</span>
                  </p>
                  {item.body && (
                    <p className="line-clamp-2 text-xs text-slate-500 dark:text-slate-400">{item.body}</p>
                  )}
                  <p className="text-xs text-slate-400">{formatRelative(item.created_at)}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
