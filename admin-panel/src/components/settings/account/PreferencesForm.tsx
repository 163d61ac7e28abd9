import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { Profile, ThemePreference } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { PAGE_SIZES } from '@/hooks/useListParams';
import { useNotify } from '@/hooks/useNotify';
import { useTheme } from '@/hooks/useTheme';
import { useUpdateProfile } from '@/services/account';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { preferencesSchema } from '@/utils/validation';

type Input = z.input<typeof preferencesSchema>;
type Output = z.output<typeof preferencesSchema>;

export function PreferencesForm({ user }: { user: Profile }) {
  const update = useUpdateProfile();
  const { preference, setPreference } = useTheme();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const saved = user.preferences;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(preferencesSchema),
    values: {
      theme: (saved.theme as ThemePreference | undefined) ?? preference,
      page_size: typeof saved.page_size === 'number' ? saved.page_size : 25,
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ preferences: values });
      setPreference(values.theme);
      notify('success', 'Your preferences were saved.');
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['theme', 'page_size'], 'preferences.'));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField id="pref-theme" label="Theme" error={errors.theme?.message} hint="“System” follows your device.">
          <select {...register('theme')} className={inputClass}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </FormField>
        <FormField id="pref-page-size" label="Rows per page in lists" error={errors.page_size?.message}>
          <select {...register('page_size')} className={inputClass}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="flex justify-end">
        <ActionButton type="submit" loading={isSubmitting} disabled={!isDirty}>
          Save preferences
        </ActionButton>
      </div>
    </form>
  );
}
