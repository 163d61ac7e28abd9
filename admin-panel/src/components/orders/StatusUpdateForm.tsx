import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { OrderDetail, OrderStatus } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useChangeOrderStatus } from '@/services/orders';
import { humanize } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { statusChangeSchema, type StatusChangeValues } from './orderSchemas';

interface StatusUpdateFormProps {
  order: Pick<OrderDetail, 'id' | 'order_number' | 'status' | 'next_statuses'>;
  /** The API accepted the change for its workflow (202): the order changes a little later. */
  onAccepted: (status: OrderStatus) => void;
  /** A change is already on its way. */
  disabled?: boolean;
}

/** Offers only the moves the API lists as legal from the order's current status. */
export function StatusUpdateForm({ order, onAccepted, disabled }: StatusUpdateFormProps) {
  const formId = useId();
  const change = useChangeOrderStatus();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<StatusChangeValues>({ resolver: zodResolver(statusChangeSchema), defaultValues: { status: '', reason: '' } });

  if (order.next_statuses.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {humanize(order.status)} is final: this order cannot change any further.
      </p>
    );
  }

  const onSubmit = handleSubmit(async ({ status, reason }) => {
    setFormError(null);
    const next = status as OrderStatus;
    try {
      const { accepted } = await change.mutateAsync({ id: order.id, status: next, reason });
      if (accepted) {
        notify('info', `Change to ${humanize(next).toLowerCase()} requested. The order updates once it is applied.`);
        onAccepted(next);
      } else {
        notify('success', `${order.order_number} is now ${humanize(next).toLowerCase()}.`);
      }
      reset();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['status', 'reason']));
    }
  });

  const cancelling = watch('status') === 'cancelled';
  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <FormAlert>{formError}</FormAlert>}
      <fieldset aria-describedby={errors.status ? `${formId}-status-error` : undefined}>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">New status</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {order.next_statuses.map((status) => (
            <label
              key={status}
              className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 py-2 text-sm text-slate-700 has-checked:border-indigo-500 has-checked:bg-indigo-50 has-checked:text-indigo-800 dark:border-slate-700 dark:text-slate-200 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-500/15 dark:has-checked:text-indigo-200"
            >
              <input type="radio" value={status} {...register('status')} className="accent-indigo-600" disabled={disabled} />
              {humanize(status)}
            </label>
          ))}
        </div>
        {errors.status && (
          <p id={`${formId}-status-error`} className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400">
            {errors.status.message}
          </p>
        )}
      </fieldset>
      <FormField
        id={`${formId}-reason`}
        label="Reason"
        required={cancelling}
        error={errors.reason?.message}
        hint="Kept in the order's history and the audit log."
      >
        <textarea {...register('reason')} rows={2} className={inputClass} disabled={disabled} />
      </FormField>
      <ActionButton type="submit" variant={cancelling ? 'danger' : 'primary'} loading={isSubmitting} disabled={disabled}>
        {cancelling ? 'Cancel order' : 'Update status'}
      </ActionButton>
    </form>
  );
}
