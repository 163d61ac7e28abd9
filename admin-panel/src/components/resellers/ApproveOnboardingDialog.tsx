import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ResellerDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { resellerSchema } from '@/utils/validation';

/** The limits an approval sets (POST /api/resellers/{id}/onboarding/decision/ with approve). */
const approvalSchema = resellerSchema.pick({ credit_limit: true, commission_rate: true });
type ApprovalValues = { credit_limit: string; commission_rate: string };

interface ApproveOnboardingDialogProps {
  open: boolean;
  reseller: ResellerDetail;
  onSubmit: (values: ApprovalValues) => Promise<unknown>;
  onClose: () => void;
}

export function ApproveOnboardingDialog({ open, reseller, onSubmit, onClose }: ApproveOnboardingDialogProps) {
  const formId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ApprovalValues>({
    resolver: zodResolver(approvalSchema),
    defaultValues: { credit_limit: reseller.credit_limit, commission_rate: reseller.commission_rate },
  });

  function close() {
    reset();
    setFormError(null);
    onClose();
  }

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
      close();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['credit_limit', 'commission_rate']));
    }
  });

  return (
    <Modal
      open={open}
      onClose={isSubmitting ? () => undefined : close}
      title={`Approve ${reseller.business_name}?`}
      description="They become active, and get a welcome email with their API key."
      footer={
        <>
          <ActionButton variant="secondary" onClick={close} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} loading={isSubmitting}>
            Approve
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField
          id={`${formId}-credit`}
          label={`Credit limit (${reseller.currency})`}
          error={errors.credit_limit?.message}
          hint="The most they may owe at once."
          required
        >
          <input {...register('credit_limit')} inputMode="decimal" data-autofocus className={inputClass} />
        </FormField>
        <FormField id={`${formId}-commission`} label="Commission (%)" error={errors.commission_rate?.message} required>
          <input {...register('commission_rate')} inputMode="decimal" className={inputClass} />
        </FormField>
      </form>
    </Modal>
  );
}
