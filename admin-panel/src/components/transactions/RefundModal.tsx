import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { describeError, isApiError } from '@/api/errors';
import type { TransactionDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useNotify } from '@/hooks/useNotify';
import { useRefund, type RefundBody } from '@/services/transactions';
import { formatMoney } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { refundSchema, type RefundValues } from './refundSchema';

interface RefundModalProps {
  payment: Pick<TransactionDetail, 'id' | 'transaction_id' | 'currency'> & { refundable_amount: string };
  onClose: () => void;
}

/** Refunds part or all of a completed payment; the full refundable amount is proposed. */
export function RefundModal({ payment, onClose }: RefundModalProps) {
  const formId = useId();
  const refund = useRefund();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  // The API refuses an activated eSIM unless overridden: the field appears once it says so.
  const [needsOverride, setNeedsOverride] = useState(false);
  // One key per request body: resending the same one (a timeout, a double click) cannot refund twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const schema = useMemo(
    () => refundSchema(payment.refundable_amount, payment.currency, needsOverride),
    [payment.refundable_amount, payment.currency, needsOverride],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RefundValues>({
    resolver: zodResolver(schema),
    defaultValues: { amount: payment.refundable_amount, reason: '', override_reason: '' },
  });
  const most = formatMoney(payment.refundable_amount, payment.currency);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const body: RefundBody = { amount: values.amount, reason: values.reason, override_reason: values.override_reason };
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    try {
      const created = await refund.mutateAsync({ id: payment.id, body, key: attempt.current.key });
      notify('success', `Refund ${created.transaction_id} of ${formatMoney(created.amount, created.currency)} was requested.`);
      onClose();
    } catch (error) {
      if (isApiError(error) && error.code === 'refund_not_eligible') setNeedsOverride(true);
      // The envelope's message says what was wrong (e.g. how much is left); field details go under their fields too.
      setFormError(applyApiErrors(error, setError, ['amount', 'reason', 'override_reason']) ?? describeError(error));
    }
  });

  return (
    <Modal
      open
      onClose={isSubmitting ? () => undefined : onClose}
      title={`Refund ${payment.transaction_id}`}
      description={`Up to ${most} can still be refunded. The payment provider returns the money after the request.`}
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} variant="danger" loading={isSubmitting}>
            Request refund
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField
          id={`${formId}-amount`}
          label={`Amount (${payment.currency})`}
          error={errors.amount?.message}
          hint={`At most ${most}.`}
          required
        >
          <input {...register('amount')} inputMode="decimal" autoComplete="off" className={inputClass} />
        </FormField>
        <FormField id={`${formId}-reason`} label="Reason" error={errors.reason?.message} hint="Kept in the audit log." required>
          <textarea {...register('reason')} rows={3} className={inputClass} />
        </FormField>
        {needsOverride && (
          <FormField
            id={`${formId}-override`}
            label="Override reason"
            error={errors.override_reason?.message}
            hint="Why this activated eSIM is refunded anyway. Kept with the refund."
            required
          >
            <textarea {...register('override_reason')} rows={2} className={inputClass} />
          </FormField>
        )}
      </form>
    </Modal>
  );
}
