import { useState } from 'react';
import type { SessionRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { Icon } from '@/components/common/Icon/Icon';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useNotify } from '@/hooks/useNotify';
import { useRevokeSession, useSessions } from '@/services/account';
import { formatDateTime, formatRelative } from '@/utils/format';

export function SessionsList() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const { notify, notifyError } = useNotify();
  const [pending, setPending] = useState<SessionRead | null>(null);

  if (sessions.isPending) return <LoadingSpinner label="Loading sessions…" />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;

  return (
    <>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {sessions.data.map((session) => (
          <li key={session.id} className="flex flex-col gap-3 py-3.5 first:pt-0 last:pb-0 sm:flex-row sm:items-center">
            <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
              <Icon name="monitor" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900 dark:text-white">
                {session.device}
                {session.current && <StatusBadge tone="success">This device</StatusBadge>}
              </p>
              <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                {session.ip_address ?? 'Unknown address'} · signed in {formatDateTime(session.created_at)} · active{' '}
                {formatRelative(session.last_seen_at)}
              </p>
            </div>
            {!session.current && (
              <ActionButton variant="secondary" size="sm" onClick={() => setPending(session)}>
                Sign out
              </ActionButton>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={pending !== null}
        title="Sign out this session?"
        message={`The ${pending?.device ?? ''} session will have to log in again.`}
        confirmLabel="Sign out"
        busy={revoke.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() =>
          pending &&
          revoke.mutate(pending.id, {
            onSuccess: () => notify('success', 'The session was signed out.'),
            onError: notifyError,
            onSettled: () => setPending(null),
          })
        }
      />
    </>
  );
}
