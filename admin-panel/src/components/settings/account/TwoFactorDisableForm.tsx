import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useDisableTwoFactor } from '@/services/account';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { disableTwoFactorSchema } from '@/utils/validation';

type Values = { password: string; code: string };

export function TwoFactorDisableForm({ onCancel }: { onCancel: () => void }) {
  const disable = useDisableTwoFactor();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(disableTwoFactorSchema), defaultValues: { password: '', code: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await disable.mutateAsync(values);
      notify('success', 'Two-factor authentication is off.');
      onCancel();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['password', 'code']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Confirm with your password and a current code (or a recovery code).
      </p>
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="disable-password" label="Password" error={errors.password?.message}>
          <input {...register('password')} type="password" autoComplete="current-password" className={inputClass} />
        </FormField>
        <FormField id="disable-code" label="Code" error={errors.code?.message}>
          <input {...register('code')} autoComplete="one-time-code" className={`${inputClass} font-mono`} />
        </FormField>
      </div>
      <div className="flex flex-wrap gap-2">
        <ActionButton type="submit" variant="danger" loading={isSubmitting}>
          Turn off two-factor
        </ActionButton>
        <ActionButton variant="ghost" onClick={onCancel}>
          Cancel
        </ActionButton>
      </div>
    </form>
  );
}
