import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { TwoFactorEnrolment } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useConfirmTwoFactor, useEnrolTwoFactor } from '@/services/account';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { enableTwoFactorSchema } from '@/utils/validation';

interface TwoFactorEnrolProps {
  /** 2FA is on: the caller shows the recovery codes (the profile reloads meanwhile). */
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel?: () => void;
}

function ConfirmStep({ enrolment, onEnabled, onCancel }: TwoFactorEnrolProps & { enrolment: TwoFactorEnrolment }) {
  const confirm = useConfirmTwoFactor();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ code: string }>({ resolver: zodResolver(enableTwoFactorSchema), defaultValues: { code: '' } });

  const onSubmit = handleSubmit(async ({ code }) => {
    setFormError(null);
    try {
      const { recovery_codes } = await confirm.mutateAsync(code);
      onEnabled(recovery_codes);
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['code']));
    }
  });

  return (
    <div className="@container">
    <div className="grid gap-6 @lg:grid-cols-[auto_1fr]">
      <div className="flex flex-col items-center gap-2">
        <img
          src={enrolment.qr_svg_data_url}
          alt="QR code to add simdesk to your authenticator app"
          className="size-44 rounded-lg bg-white p-2 ring-1 ring-slate-200 dark:ring-slate-700"
        />
      </div>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <ol className="list-decimal space-y-1.5 pl-5 text-sm text-slate-600 dark:text-slate-300">
          <li>Open an authenticator app (1Password, Google Authenticator, Authy…).</li>
          <li>Scan the QR code, or enter this key by hand:</li>
        </ol>
        <code
          data-testid="totp-secret"
          className="block rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider break-all text-slate-800 select-all dark:bg-slate-800 dark:text-slate-200"
        >
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </code>
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id="enrol-code" label="Code from the app" error={errors.code?.message}>
          <input
            {...register('code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            className={`${inputClass} max-w-40 font-mono tracking-[0.3em]`}
            autoFocus
          />
        </FormField>
        <div className="flex flex-wrap gap-2">
          <ActionButton type="submit" loading={isSubmitting}>
            Turn on two-factor
          </ActionButton>
          {onCancel && (
            <ActionButton variant="ghost" onClick={onCancel}>
              Cancel
            </ActionButton>
          )}
        </div>
      </form>
    </div>
    </div>
  );
}

export function TwoFactorEnrol({ onEnabled, onCancel }: TwoFactorEnrolProps) {
  const enrol = useEnrolTwoFactor();
  if (enrol.data) return <ConfirmStep enrolment={enrol.data} onEnabled={onEnabled} onCancel={onCancel} />;
  return (
    <div className="space-y-4">
      {enrol.isError && <FormAlert>{applyApiErrors(enrol.error, () => undefined, [])}</FormAlert>}
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Two-factor authentication asks for a code from your phone when you log in, so a stolen password is not
        enough to get in.
      </p>
      <ActionButton icon="shield" loading={enrol.isPending} onClick={() => enrol.mutate()}>
        Set up two-factor
      </ActionButton>
    </div>
  );
}
