import { useState } from 'react';
import { Link } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { EmptyState } from '@/components/common/EmptyState/EmptyState';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { StatusBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { useRecentActivities, useRecentlyViewed } from '@/services/dashboard';
import { formatDateTime, formatRelative, humanize } from '@/utils/format';

/** Where a feed or history entry opens; entities without a page of their own are plain text. */
const PAGES: Record<string, string> = { order: '/orders', user: '/users', reseller: '/resellers' };

function linkOf(entity: string, id: number): string | null {
  const base = PAGES[entity];
  return base ? `${base}/${id}` : null;
}

const TONES: Record<string, BadgeTone> = {
  order_placed: 'info',
  user_registered: 'success',
  reseller_registered: 'success',
  client_added: 'success',
  reseller_event: 'neutral',
};

function Entry({ to, children }: { to: string | null; children: string }) {
  if (!to) return <span className="text-slate-900 dark:text-white">{children}</span>;
  return (
    <Link to={to} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
      {children}
    </Link>
  );
}

/** Latest orders, registrations and reseller changes, newest first, a page at a time. */
export function ActivityFeed() {
  const [page, setPage] = useState(1);
  const feed = useRecentActivities(page);
  let body;
  if (feed.error) body = <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;
  else if (!feed.data) body = <LoadingSpinner label="Loading activity…" className="py-8" />;
  else if (feed.data.items.length === 0) body = <EmptyState icon="activity" title="No activity yet" />;
  else
    body = (
      <ol className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Recent activity">
        {feed.data.items.map((item) => (
          <li key={`${item.kind}-${item.entity_type}-${item.entity_id}-${item.occurred_at}`} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2.5 text-sm">
            <StatusBadge tone={TONES[item.kind] ?? 'neutral'}>{humanize(item.kind)}</StatusBadge>
            <span className="min-w-0 flex-1 break-words">
              <Entry to={linkOf(item.entity_type, item.entity_id)}>{item.summary}</Entry>
            </span>
            <time dateTime={item.occurred_at} title={formatDateTime(item.occurred_at)} className="text-xs text-slate-500 dark:text-slate-400">
              {formatRelative(item.occurred_at)}
            </time>
          </li>
        ))}
      </ol>
    );
  return (
    <Card
      id="recent-activity"
      title="Recent activity"
      className="min-w-0"
      actions={
        <div className="flex gap-2">
          <ActionButton variant="secondary" size="sm" disabled={page === 1 || feed.isFetching} onClick={() => setPage(page - 1)}>
            Newer
          </ActionButton>
          <ActionButton variant="secondary" size="sm" disabled={!feed.data?.has_more || feed.isFetching} onClick={() => setPage(page + 1)}>
            Older
          </ActionButton>
        </div>
      }
    >
      {body}
    </Card>
  );
}

/** What this login opened last; hidden until there is something. */
export function RecentlyViewed() {
  const viewed = useRecentlyViewed();
  if (!viewed.data || viewed.data.length === 0) return null;
  return (
    <Card id="recently-viewed" title="Recently viewed" className="min-w-0">
      <ul className="space-y-2 text-sm">
        {viewed.data.map((item) => (
          <li key={`${item.kind}-${item.id}`} className="flex items-baseline justify-between gap-3">
            <span className="min-w-0 truncate">
              <span className="text-xs text-slate-500 dark:text-slate-400">{humanize(item.kind)} </span>
              <Entry to={linkOf(item.kind, item.id)}>{item.label}</Entry>
            </span>
            <time dateTime={item.viewed_at} className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
              {formatRelative(item.viewed_at)}
            </time>
          </li>
        ))}
      </ul>
    </Card>
  );
}
