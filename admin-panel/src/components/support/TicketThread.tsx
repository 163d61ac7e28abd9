import type { ReplyRead } from '@/api/types';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDateTime } from '@/utils/format';
import { cx } from '@/utils/styles';

function author(reply: ReplyRead): string {
  if (!reply.author) return 'A deleted account';
  return reply.author.full_name || `Account #${reply.author.id}`;
}

/**
 * The ticket's conversation, oldest first. Internal notes (which the API sends only to staff
 * allowed to read them) are marked and tinted so nobody mistakes one for a customer reply.
 */
export function TicketThread({ replies }: { replies: ReplyRead[] }) {
  if (replies.length === 0) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">No replies yet.</p>;
  }
  const ordered = [...replies].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  return (
    <ol aria-label="Replies" className="space-y-4">
      {ordered.map((reply) => {
        const staff = reply.author?.kind === 'staff';
        return (
          <li
            key={reply.id}
            aria-label={reply.is_internal ? `Internal note by ${author(reply)}` : `Reply by ${author(reply)}`}
            className={cx(
              'rounded-lg border px-4 py-3',
              reply.is_internal
                ? 'border-amber-300 border-dashed bg-amber-50 dark:border-amber-700/70 dark:bg-amber-950/30'
                : staff
                  ? 'border-indigo-200 bg-indigo-50/60 dark:border-indigo-900/60 dark:bg-indigo-950/30'
                  : 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900',
            )}
          >
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className="font-medium text-slate-900 dark:text-white">{author(reply)}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{staff ? 'Staff' : 'Requester'}</span>
              {reply.is_internal && <StatusBadge tone="warning">Internal note · staff only</StatusBadge>}
              <time dateTime={reply.created_at} className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                {formatDateTime(reply.created_at)}
              </time>
            </div>
            <p className="mt-2 text-sm break-words whitespace-pre-wrap text-slate-800 dark:text-slate-200">{reply.body}</p>
          </li>
        );
      })}
    </ol>
  );
}
