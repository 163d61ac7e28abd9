import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { authApi } from '@/services/auth';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { PASSWORD_MIN, resetPasswordSchema } from '@/utils/validation';

type Values = { new_password: string; confirm_password: string };

export function ResetPasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const [badLink, setBadLink] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { new_password: '', confirm_password: '' },
  });

  const onSubmit = handleSubmit(async ({ new_password }) => {
    setFormError(null);
    try {
      await authApi.confirmReset(token, new_password);
      setDone(true);
    } catch (error) {
      // A used, expired or mangled link: no password typed here can fix that.
      if (
        isApiError(error) &&
        (error.code === 'invalid_token' || error.fieldErrors.some((e) => e.field === 'token'))
      ) {
        setBadLink(true);
        return;
      }
      setFormError(applyApiErrors(error, setError, ['new_password']));
    }
  });

  if (done) {
    return (
      <div className="space-y-5">
        <FormAlert tone="success">Your password has been changed. Every session was signed out.</FormAlert>
        <Link
          to="/login"
          className="flex h-10 w-full items-center justify-center rounded-lg bg-indigo-600 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Log in
        </Link>
      </div>
    );
  }
  if (badLink) {
    return (
      <div className="space-y-5">
        <FormAlert>This reset link is not valid any more: it may have been used already or expired.</FormAlert>
        <Link
          to="/forgot-password"
          className="flex h-10 w-full items-center justify-center rounded-lg bg-indigo-600 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Request a new link
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <FormField
        id="new_password"
        label="New password"
        error={errors.new_password?.message}
        hint={`At least ${PASSWORD_MIN} characters. Avoid common passwords and your own name.`}
      >
        <input {...register('new_password')} type="password" autoComplete="new-password" className={inputClass} autoFocus />
      </FormField>
      <FormField id="confirm_password" label="Confirm new password" error={errors.confirm_password?.message}>
        <input {...register('confirm_password')} type="password" autoComplete="new-password" className={inputClass} />
      </FormField>
      <ActionButton type="submit" className="w-full" loading={isSubmitting}>
        Set new password
      </ActionButton>
    </form>
  );
}
