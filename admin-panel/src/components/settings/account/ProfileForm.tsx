import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Profile } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useUpdateProfile } from '@/services/account';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { normalisePhone, profileSchema, type ProfileValues } from '@/utils/validation';

export function ProfileForm({ user }: { user: Profile }) {
  const update = useUpdateProfile();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    values: { first_name: user.first_name, last_name: user.last_name, phone: user.phone ?? '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ ...values, phone: normalisePhone(values.phone) });
      reset({ first_name: saved.first_name, last_name: saved.last_name, phone: saved.phone ?? '' });
      notify('success', 'Your profile was saved.');
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['first_name', 'last_name', 'phone']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField id="profile-first-name" label="First name" error={errors.first_name?.message}>
          <input {...register('first_name')} autoComplete="given-name" className={inputClass} />
        </FormField>
        <FormField id="profile-last-name" label="Last name" error={errors.last_name?.message}>
          <input {...register('last_name')} autoComplete="family-name" className={inputClass} />
        </FormField>
        <FormField id="profile-email" label="Email" hint="Ask an administrator to change your email address.">
          <input value={user.email} readOnly disabled className={inputClass} />
        </FormField>
        <FormField
          id="profile-phone"
          label="Phone"
          error={errors.phone?.message}
          hint="International format, e.g. +14155550123."
        >
          <input {...register('phone')} type="tel" autoComplete="tel" className={inputClass} />
        </FormField>
      </div>
      <div className="flex justify-end">
        <ActionButton type="submit" loading={isSubmitting} disabled={!isDirty}>
          Save profile
        </ActionButton>
      </div>
    </form>
  );
}
