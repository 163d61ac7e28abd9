import type { BulkOutcome, OrderStatus } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Icon } from '@/components/common/Icon/Icon';
import { Modal } from '@/components/common/Modal/Modal';
import { humanize } from '@/utils/format';

interface BulkResultsProps {
  status: OrderStatus;
  result: BulkOutcome;
  /** id → order number, as selected. */
  names: ReadonlyMap<number, string>;
  onClose: () => void;
}

/** What a bulk change did to each order: changed, or why not. */
export function BulkResults({ status, result, names, onClose }: BulkResultsProps) {
  const target = humanize(status).toLowerCase();
  return (
    <Modal
      open
      onClose={onClose}
      title="Bulk status change"
      description={`${result.succeeded} changed to ${target}, ${result.failed} failed.`}
      footer={
        <ActionButton onClick={onClose} data-autofocus>
          Done
        </ActionButton>
      }
    >
      <ul aria-label="Results by order" className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {result.results.map((item) => (
          <li key={item.id} className="flex items-start gap-3 py-2.5">
            <Icon
              name={item.ok ? 'check' : 'alert'}
              className={`mt-0.5 size-4 shrink-0 ${item.ok ? 'text-emerald-600 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}
            />
            <div className="min-w-0">
              <p className="font-medium text-slate-900 dark:text-white">{names.get(item.id) ?? `Order #${item.id}`}</p>
              <p className={item.ok ? 'text-slate-600 dark:text-slate-300' : 'text-red-700 dark:text-red-300'}>
                {item.ok ? `Now ${humanize(item.status ?? status).toLowerCase()}` : (item.error ?? 'Not changed')}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
