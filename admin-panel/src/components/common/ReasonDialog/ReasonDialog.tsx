import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { reasonSchema, type ReasonValues } from '@/utils/validation';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  reasonHint?: string;
  /** Resolves when done (the dialog closes); a rejection is shown in the dialog. */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

/** A status change that the API records with a reason: suspend, block, approve… */
export function ReasonDialog({
  open,
  title,
  description,
  confirmLabel,
  tone = 'primary',
  reasonHint = 'Kept in the audit log and shown on the record.',
  onSubmit,
  onClose,
}: ReasonDialogProps) {
  const formId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ReasonValues>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });

  function close() {
    reset();
    setFormError(null);
    onClose();
  }

  const submit = handleSubmit(async ({ reason }) => {
    setFormError(null);
    try {
      await onSubmit(reason);
      close();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['reason']));
    }
  });

  return (
    <Modal
      open={open}
      onClose={isSubmitting ? () => undefined : close}
      title={title}
      description={description}
      footer={
        <>
          <ActionButton variant="secondary" onClick={close} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} variant={tone} loading={isSubmitting}>
            {confirmLabel}
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id={`${formId}-reason`} label="Reason" error={errors.reason?.message} hint={reasonHint} required>
          <textarea {...register('reason')} rows={3} data-autofocus className={inputClass} />
        </FormField>
      </form>
    </Modal>
  );
}
