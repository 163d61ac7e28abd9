import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { RoleRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useCreateRole } from '@/services/roles';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { roleCreateSchema, type RoleCreateValues } from '@/utils/validation';

interface RoleCreateModalProps {
  onClose: () => void;
  onCreated: (role: RoleRead) => void;
}

export function RoleCreateModal({ onClose, onCreated }: RoleCreateModalProps) {
  const create = useCreateRole();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RoleCreateValues>({
    resolver: zodResolver(roleCreateSchema),
    defaultValues: { name: '', description: '', applies_to: 'staff' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      onCreated((await create.mutateAsync({ ...values, permissions: [] })) as RoleRead);
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['name', 'description', 'applies_to']));
    }
  });

  return (
    <Modal
      open
      onClose={onClose}
      title="New role"
      description="Create it, then choose its permissions."
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form="role-form" loading={isSubmitting}>
            Create role
          </ActionButton>
        </>
      }
    >
      <form id="role-form" onSubmit={onSubmit} noValidate className="space-y-5">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id="role-name" label="Name" error={errors.name?.message} hint="e.g. finance_team — it cannot be renamed later." required>
          <input {...register('name')} autoComplete="off" autoCapitalize="none" className={`${inputClass} font-mono`} />
        </FormField>
        <FormField id="role-applies-to" label="For" error={errors.applies_to?.message}>
          <select {...register('applies_to')} className={inputClass}>
            <option value="staff">Staff</option>
            <option value="reseller">Resellers</option>
            <option value="public">App users</option>
          </select>
        </FormField>
        <FormField id="role-new-description" label="Description" error={errors.description?.message}>
          <textarea {...register('description')} rows={2} className={inputClass} />
        </FormField>
      </form>
    </Modal>
  );
}
