import { useId, useState } from 'react';
import type { OrderStatus } from '@/api/types';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { humanize } from '@/utils/format';
import { inputClass } from '@/utils/styles';

interface BulkStatusDialogProps {
  open: boolean;
  status: OrderStatus;
  /** Order numbers, for the people who check before they confirm. */
  names: string[];
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

const SHOWN = 5;

export function BulkStatusDialog({ open, status, names, busy, onConfirm, onCancel }: BulkStatusDialogProps) {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const rest = names.length - SHOWN;
  return (
    <ConfirmDialog
      open={open}
      title={`Change ${names.length} order${names.length === 1 ? '' : 's'} to ${humanize(status).toLowerCase()}?`}
      confirmLabel={`Change to ${humanize(status).toLowerCase()}`}
      tone={status === 'cancelled' ? 'danger' : 'primary'}
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => onConfirm(reason.trim())}
      message={
        <div className="space-y-3">
          <p>
            {names.slice(0, SHOWN).join(', ')}
            {rest > 0 ? ` and ${rest} more` : ''}. Orders that cannot make this change are skipped
            and listed afterwards.
          </p>
          <div className="space-y-1.5">
            <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
              Reason <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
            </label>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={1000}
              className={inputClass}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        </div>
      }
    />
  );
}
