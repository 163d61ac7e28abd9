import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useOrderWorkflow } from '@/services/orders';
import { formatDateTime, humanize } from '@/utils/format';

/** The fulfilment workflow's current step and the steps it has finished, oldest first. */
export function WorkflowProgress({ orderId }: { orderId: number }) {
  const workflow = useOrderWorkflow(orderId);
  if (workflow.isPending) return <LoadingSpinner label="Loading workflow…" />;
  if (workflow.isError) return <ErrorState error={workflow.error} onRetry={() => void workflow.refetch()} />;

  const { step, running, history } = workflow.data;
  if (step === null) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">No workflow has run for this order yet.</p>;
  }
  // The last entry is where it stands now; while it runs, that one is not done yet.
  const done = running ? history.slice(0, -1) : history;
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
        <span>{running ? 'Current step' : 'Finished'}:</span>
        <StatusBadge tone={running ? 'info' : step === 'completed' ? 'success' : 'neutral'}>{humanize(step)}</StatusBadge>
      </p>
      {done.length > 0 && (
        <ol aria-label="Workflow steps done" className="space-y-2">
          {done.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="flex items-baseline justify-between gap-3 text-sm">
              <span className="flex items-center gap-2 text-slate-700 dark:text-slate-300">
                <span aria-hidden="true" className="text-emerald-600 dark:text-emerald-400">
                  ✓
                </span>
                {humanize(entry.step)}
              </span>
              <time dateTime={entry.at} className="text-xs whitespace-nowrap text-slate-500 dark:text-slate-400">
                {formatDateTime(entry.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
