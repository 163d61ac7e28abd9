import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { ApiKeyCreated } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { PermissionPicker } from '@/components/settings/roles/PermissionPicker';
import { useAuth } from '@/hooks/useAuth';
import { useCreateApiKey } from '@/services/settings';
import { dayEndIso } from '@/utils/dates';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { apiKeySchema, type ApiKeyValues } from './apiKeySchema';

interface ApiKeyCreateModalProps {
  onClose: () => void;
  onCreated: (key: ApiKeyCreated) => void;
}

/** A key acts as its creator, with some of the creator's own permissions as its scopes. */
export function ApiKeyCreateModal({ onClose, onCreated }: ApiKeyCreateModalProps) {
  const formId = useId();
  const { user } = useAuth();
  const create = useCreateApiKey();
  const [formError, setFormError] = useState<string | null>(null);
  const catalogue = useMemo(
    () => [...(user?.permissions ?? [])].sort().map((code) => ({ code, description: '' })),
    [user?.permissions],
  );
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ApiKeyValues>({ resolver: zodResolver(apiKeySchema), defaultValues: { name: '', scopes: [], expires_on: '' } });

  const onSubmit = handleSubmit(async ({ name, scopes, expires_on }) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        scopes,
        expires_at: expires_on ? dayEndIso(expires_on) : null,
      });
      onCreated(created);
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['name', 'scopes', 'expires_on']));
    }
  });

  return (
    <Modal
      open
      size="lg"
      title="Create API key"
      description="The key acts as you, limited to the permissions you pick."
      onClose={isSubmitting ? () => undefined : onClose}
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} loading={isSubmitting}>
            Create key
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id={`${formId}-name`} label="Name" error={errors.name?.message} required>
          <input {...register('name')} data-autofocus className={inputClass} placeholder="Shop integration" />
        </FormField>
        <FormField id={`${formId}-expires`} label="Expires on" error={errors.expires_on?.message} hint="Leave empty for a key that does not expire.">
          <input {...register('expires_on')} type="date" className={inputClass} />
        </FormField>
        <fieldset aria-describedby={errors.scopes ? `${formId}-scopes-error` : undefined}>
          <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-200">Permissions (scopes)</legend>
          {errors.scopes && (
            <p id={`${formId}-scopes-error`} className="mb-2 text-xs font-medium text-red-600 dark:text-red-400">
              {errors.scopes.message}
            </p>
          )}
          <Controller
            control={control}
            name="scopes"
            render={({ field }) => (
              <PermissionPicker
                catalogue={catalogue}
                selected={new Set(field.value)}
                onChange={(next) => field.onChange([...next].sort())}
              />
            )}
          />
        </fieldset>
      </form>
    </Modal>
  );
}
