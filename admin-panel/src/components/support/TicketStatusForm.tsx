import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { TicketDetail, TicketStatus } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useChangeTicketStatus } from '@/services/support';
import { humanize } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { ticketStatusSchema, type TicketStatusValues } from './supportSchemas';

/** Offers only the moves the API lists for this ticket and this user (`allowed_statuses`). */
export function TicketStatusForm({ ticket }: { ticket: Pick<TicketDetail, 'id' | 'status' | 'allowed_statuses'> }) {
  const formId = useId();
  const change = useChangeTicketStatus(ticket.id);
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TicketStatusValues>({ resolver: zodResolver(ticketStatusSchema), defaultValues: { status: '', reason: '' } });

  if (ticket.allowed_statuses.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {humanize(ticket.status)}: this ticket cannot change any further.
      </p>
    );
  }

  const onSubmit = handleSubmit(async ({ status, reason }) => {
    setFormError(null);
    try {
      await change.mutateAsync({ status: status as TicketStatus, reason: reason.trim() });
      notify('success', `The ticket is now ${humanize(status).toLowerCase()}.`);
      reset();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['status', 'reason']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <FormAlert>{formError}</FormAlert>}
      <fieldset aria-describedby={errors.status ? `${formId}-status-error` : undefined}>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">New status</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {ticket.allowed_statuses.map((status) => (
            <label
              key={status}
              className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 py-2 text-sm text-slate-700 has-checked:border-indigo-500 has-checked:bg-indigo-50 has-checked:text-indigo-800 dark:border-slate-700 dark:text-slate-200 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-500/15 dark:has-checked:text-indigo-200"
            >
              <input type="radio" value={status} {...register('status')} className="accent-indigo-600" />
              {status === 'open' && ticket.status === 'resolved' ? 'Reopen' : humanize(status)}
            </label>
          ))}
        </div>
        {errors.status && (
          <p id={`${formId}-status-error`} className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400">
            {errors.status.message}
          </p>
        )}
      </fieldset>
      <FormField id={`${formId}-reason`} label="Reason" error={errors.reason?.message} hint="Optional; kept in the audit log.">
        <textarea {...register('reason')} rows={2} className={inputClass} />
      </FormField>
      <ActionButton type="submit" loading={isSubmitting}>
        Update status
      </ActionButton>
    </form>
  );
}
