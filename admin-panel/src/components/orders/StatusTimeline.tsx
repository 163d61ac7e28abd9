import type { OrderHistoryRead } from '@/api/types';
import { formatDateTime } from '@/utils/format';
import { OrderStatusBadge } from './OrderBadges';

const BY: Record<OrderHistoryRead['source'], string> = {
  api: 'staff',
  workflow: 'the fulfilment workflow',
  webhook: 'a provider webhook',
  system: 'the system',
};

function who(entry: OrderHistoryRead): string {
  return entry.source === 'api' && entry.changed_by_id !== null ? `account #${entry.changed_by_id}` : BY[entry.source];
}

/** The order's status changes, oldest first, each with who made it and why. */
export function StatusTimeline({ history }: { history: OrderHistoryRead[] }) {
  if (history.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No status changes yet.</p>;
  const entries = [...history].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return (
    <ol aria-label="Status history" className="relative space-y-5 border-l border-slate-200 pl-5 dark:border-slate-700">
      {entries.map((entry, index) => (
        <li key={`${entry.created_at}-${index}`} className="relative">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[25px] size-2.5 rounded-full bg-indigo-500 ring-4 ring-white dark:ring-slate-900"
          />
          <div className="flex flex-wrap items-center gap-1.5 text-sm">
            {entry.from_status ? (
              <>
                <OrderStatusBadge status={entry.from_status} />
                <span className="sr-only">to</span>
                <span aria-hidden="true" className="text-slate-400">
                  →
                </span>
              </>
            ) : (
              <span className="text-slate-600 dark:text-slate-300">Placed as</span>
            )}
            <OrderStatusBadge status={entry.to_status} />
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            <time dateTime={entry.created_at}>{formatDateTime(entry.created_at)}</time> · by {who(entry)}
          </p>
          {entry.reason && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">“{entry.reason}”</p>}
        </li>
      ))}
    </ol>
  );
}
