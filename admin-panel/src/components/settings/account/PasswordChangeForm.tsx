import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useChangePassword } from '@/services/account';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { changePasswordSchema, PASSWORD_MIN } from '@/utils/validation';

type Values = { current_password: string; new_password: string; confirm_password: string };
const EMPTY: Values = { current_password: '', new_password: '', confirm_password: '' };

export function PasswordChangeForm() {
  const change = useChangePassword();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(changePasswordSchema), defaultValues: EMPTY });

  const onSubmit = handleSubmit(async ({ current_password, new_password }) => {
    setFormError(null);
    try {
      await change.mutateAsync({ current_password, new_password });
      reset(EMPTY);
      notify('success', 'Your password was changed. Your other sessions were signed out.');
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['current_password', 'new_password']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <input type="text" autoComplete="username" hidden readOnly />
      <div className="grid gap-5 sm:grid-cols-3">
        <FormField id="current_password" label="Current password" error={errors.current_password?.message}>
          <input {...register('current_password')} type="password" autoComplete="current-password" className={inputClass} />
        </FormField>
        <FormField
          id="new_password"
          label="New password"
          error={errors.new_password?.message}
          hint={`At least ${PASSWORD_MIN} characters.`}
        >
          <input {...register('new_password')} type="password" autoComplete="new-password" className={inputClass} />
        </FormField>
        <FormField id="confirm_password" label="Confirm new password" error={errors.confirm_password?.message}>
          <input {...register('confirm_password')} type="password" autoComplete="new-password" className={inputClass} />
        </FormField>
      </div>
      <div className="flex justify-end">
        <ActionButton type="submit" loading={isSubmitting}>
          Change password
        </ActionButton>
      </div>
    </form>
  );
}
