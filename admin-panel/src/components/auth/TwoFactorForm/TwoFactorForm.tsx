import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useAuth } from '@/hooks/useAuth';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { twoFactorCodeSchema } from '@/utils/validation';

interface TwoFactorFormProps {
  challengeToken: string;
  remember: boolean;
  onDone: () => void;
  /** The challenge expired or the user wants another account: back to the password step. */
  onRestart: () => void;
}

export function TwoFactorForm({ challengeToken, remember, onDone, onRestart }: TwoFactorFormProps) {
  const { completeTwoFactor } = useAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<{ code: string }>({ resolver: zodResolver(twoFactorCodeSchema), defaultValues: { code: '' } });

  const onSubmit = handleSubmit(async ({ code }) => {
    setFormError(null);
    try {
      await completeTwoFactor(challengeToken, code.replace(/\s/g, ''), remember);
      onDone();
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_challenge') setExpired(true);
      if (isApiError(error) && error.code === 'invalid_2fa_code') {
        setValue('code', '');
        setError('code', { type: 'server', message: error.message }, { shouldFocus: true });
        return;
      }
      setFormError(applyApiErrors(error, setError, ['code']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <FormField
        id="code"
        label="Authentication code"
        error={errors.code?.message}
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
      >
        <input
          {...register('code')}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          className={`${inputClass} text-center font-mono text-lg tracking-[0.3em]`}
          autoFocus
          maxLength={20}
        />
      </FormField>
      <ActionButton type="submit" className="w-full" loading={isSubmitting} disabled={expired}>
        Verify
      </ActionButton>
      <button
        type="button"
        onClick={onRestart}
        className="w-full text-center text-sm font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400"
      >
        {expired ? 'Log in again' : 'Use a different account'}
      </button>
    </form>
  );
}
