import { useId, useState } from 'react';
import { ORDER_STATUSES } from '@/api/enums';
import type { BulkOutcome, OrderStatus } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { useNotify } from '@/hooks/useNotify';
import { useBulkOrderStatus } from '@/services/orders';
import { humanize } from '@/utils/format';
import { inputClass } from '@/utils/styles';
import { BulkResults } from './BulkResults';
import { BulkStatusDialog } from './BulkStatusDialog';

/** Every status but the first: nothing moves an order back to pending. */
const TARGETS = ORDER_STATUSES.filter((status) => status !== 'pending');

interface BulkStatusBarProps {
  /** Ticked orders: id → order number. */
  selected: ReadonlyMap<number, string>;
  onClear: () => void;
}

/** What to do with the ticked orders: one status for all; each order succeeds or fails alone. */
export function BulkStatusBar({ selected, onClear }: BulkStatusBarProps) {
  const selectId = useId();
  const [target, setTarget] = useState<OrderStatus | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<{ status: OrderStatus; result: BulkOutcome; names: Map<number, string> } | null>(null);
  const bulk = useBulkOrderStatus();
  const { notifyError } = useNotify();
  const count = selected.size;
  if (count === 0 && !outcome) return null;

  async function apply(reason: string) {
    if (!target) return;
    try {
      const result = await bulk.mutateAsync({ ids: [...selected.keys()], status: target, reason });
      setOutcome({ status: target, result, names: new Map(selected) });
      onClear();
      setTarget('');
    } catch (error) {
      notifyError(error);
    }
    setConfirming(false);
  }

  return (
    <>
      {count > 0 && (
        <div
          role="region"
          aria-label="Bulk actions"
          className="flex flex-col gap-3 rounded-lg bg-indigo-50 p-3 sm:flex-row sm:items-center dark:bg-indigo-500/10"
        >
          <p className="text-sm font-medium text-indigo-900 dark:text-indigo-200">
            {count} order{count === 1 ? '' : 's'} selected
          </p>
          <div className="flex flex-1 flex-wrap items-center gap-2 sm:justify-end">
            <label htmlFor={selectId} className="sr-only">
              New status for the selected orders
            </label>
            <select
              id={selectId}
              className={`${inputClass} w-auto! min-w-44`}
              value={target}
              onChange={(event) => setTarget(event.target.value as OrderStatus | '')}
            >
              <option value="">Change status to…</option>
              {TARGETS.map((status) => (
                <option key={status} value={status}>
                  {humanize(status)}
                </option>
              ))}
            </select>
            <ActionButton disabled={!target} onClick={() => setConfirming(true)}>
              Apply
            </ActionButton>
            <ActionButton variant="ghost" icon="close" onClick={onClear}>
              Clear selection
            </ActionButton>
          </div>
        </div>
      )}
      {target && (
        <BulkStatusDialog
          open={confirming}
          status={target}
          names={[...selected.values()]}
          busy={bulk.isPending}
          onConfirm={(reason) => void apply(reason)}
          onCancel={() => setConfirming(false)}
        />
      )}
      {outcome && <BulkResults {...outcome} onClose={() => setOutcome(null)} />}
    </>
  );
}
