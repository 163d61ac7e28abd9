import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useReplyToTicket } from '@/services/support';
import { applyApiErrors } from '@/utils/forms';
import { checkboxClass, inputClass } from '@/utils/styles';
import { replySchema, type ReplyValues } from './supportSchemas';

interface ReplyFormProps {
  ticketId: number;
  /** Staff allowed to write internal notes get the choice. */
  canWriteNotes: boolean;
}

export function ReplyForm({ ticketId, canWriteNotes }: ReplyFormProps) {
  const formId = useId();
  const reply = useReplyToTicket(ticketId);
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ReplyValues>({ resolver: zodResolver(replySchema), defaultValues: { body: '', is_internal: false } });
  const internal = watch('is_internal');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await reply.mutateAsync({ body: values.body.trim(), is_internal: values.is_internal });
      notify('success', values.is_internal ? 'Internal note added.' : 'Reply sent.');
      reset({ body: '', is_internal: values.is_internal });
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['body', 'is_internal']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Reply to the ticket">
      {formError && <FormAlert>{formError}</FormAlert>}
      <FormField
        id={`${formId}-body`}
        label={internal ? 'Internal note' : 'Reply'}
        error={errors.body?.message}
        hint={internal ? 'Seen by staff only; nobody is notified.' : 'The requester is notified.'}
        required
      >
        <textarea {...register('body')} rows={4} className={inputClass} />
      </FormField>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {canWriteNotes ? (
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" {...register('is_internal')} className={checkboxClass} />
            Internal note (staff only)
          </label>
        ) : (
          <span />
        )}
        <ActionButton type="submit" icon={internal ? 'edit' : 'mail'} loading={isSubmitting}>
          {internal ? 'Add note' : 'Send reply'}
        </ActionButton>
      </div>
    </form>
  );
}
