import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { authApi } from '@/services/auth';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { forgotPasswordSchema } from '@/utils/validation';

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ email: string }>({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: '' } });

  const onSubmit = handleSubmit(async ({ email }) => {
    setFormError(null);
    try {
      await authApi.requestReset(email);
      setSentTo(email);
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['email']));
    }
  });

  if (sentTo) {
    return (
      <FormAlert tone="success">
        <p className="font-medium">Check your inbox</p>
        <p className="mt-1">
          If <strong>{sentTo}</strong> has an account, we have sent it a link to choose a new password. The link
          works once and expires soon.
        </p>
      </FormAlert>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <FormField id="email" label="Email address" error={errors.email?.message}>
        <input {...register('email')} type="email" autoComplete="email" className={inputClass} autoFocus />
      </FormField>
      <ActionButton type="submit" className="w-full" loading={isSubmitting}>
        Send reset link
      </ActionButton>
    </form>
  );
}
