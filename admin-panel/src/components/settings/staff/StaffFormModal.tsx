import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { StaffRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useRoles } from '@/services/roles';
import { useCreateStaff, useUpdateStaff } from '@/services/staff';
import { fullName } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { checkboxClass, inputClass } from '@/utils/styles';
import {
  normalisePhone,
  PASSWORD_MIN,
  staffCreateSchema,
  staffUpdateSchema,
  type StaffCreateValues,
} from '@/utils/validation';
import { RoleSelect } from './RoleSelect';

interface StaffFormModalProps {
  open: boolean;
  /** Editing this person; creating a new one when null. */
  staff: StaffRead | null;
  onClose: () => void;
}

const EMPTY: StaffCreateValues = {
  email: '',
  first_name: '',
  last_name: '',
  role: '',
  username: '',
  phone: '',
  password: '',
};

const FIELDS = ['email', 'first_name', 'last_name', 'role', 'username', 'phone', 'password'] as const;

export function StaffFormModal({ open, staff, onClose }: StaffFormModalProps) {
  const editing = staff !== null;
  const { user } = useAuth();
  const roles = useRoles();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const [setPassword, setSetPassword] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<StaffCreateValues>({
    // Editing validates only what PATCH accepts; the other fields are not shown.
    resolver: (editing ? zodResolver(staffUpdateSchema) : zodResolver(staffCreateSchema)) as Resolver<StaffCreateValues>,
    values: staff
      ? { ...EMPTY, first_name: staff.first_name, last_name: staff.last_name, phone: staff.phone ?? '', role: staff.role }
      : EMPTY,
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      if (staff) {
        const body = {
          first_name: values.first_name,
          last_name: values.last_name,
          phone: normalisePhone(values.phone),
          ...(values.role !== staff.role ? { role: values.role } : {}),
        };
        await update.mutateAsync({ id: staff.id, body });
        notify('success', `${values.first_name}'s account was updated.`);
      } else {
        await create.mutateAsync({
          email: values.email,
          first_name: values.first_name,
          last_name: values.last_name,
          role: values.role,
          username: values.username || null,
          phone: normalisePhone(values.phone),
          password: setPassword && values.password ? values.password : null,
        });
        notify(
          'success',
          setPassword
            ? `${values.first_name} can log in with the temporary password now.`
            : `An invitation was emailed to ${values.email}.`,
        );
      }
      onClose();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, FIELDS));
    }
  });

  const ownAccount = staff?.id === user?.id;
  return (
    <Modal
      open={open}
      onClose={onClose}
      size="lg"
      title={staff ? `Edit ${fullName(staff)}` : 'Add a staff member'}
      description={staff ? staff.email : 'They get an email to set their password, unless you set one now.'}
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form="staff-form" loading={isSubmitting}>
            {staff ? 'Save changes' : 'Add staff member'}
          </ActionButton>
        </>
      }
    >
      <form id="staff-form" onSubmit={onSubmit} noValidate className="space-y-5">
        {formError && <FormAlert>{formError}</FormAlert>}
        <div className="grid gap-5 sm:grid-cols-2">
          {!editing && (
            <FormField id="staff-email" label="Email" error={errors.email?.message} required className="sm:col-span-2">
              <input {...register('email')} type="email" autoComplete="off" className={inputClass} />
            </FormField>
          )}
          <FormField id="staff-first-name" label="First name" error={errors.first_name?.message} required>
            <input {...register('first_name')} autoComplete="off" className={inputClass} />
          </FormField>
          <FormField id="staff-last-name" label="Last name" error={errors.last_name?.message}>
            <input {...register('last_name')} autoComplete="off" className={inputClass} />
          </FormField>
          <FormField
            id="staff-role"
            label="Role"
            error={errors.role?.message}
            required
            hint={ownAccount ? 'You cannot change your own role.' : undefined}
          >
            <RoleSelect {...register('role')} roles={roles.data ?? []} disabled={ownAccount || roles.isPending} />
          </FormField>
          <FormField id="staff-phone" label="Phone" error={errors.phone?.message} hint="e.g. +14155550123">
            <input {...register('phone')} type="tel" autoComplete="off" className={inputClass} />
          </FormField>
          {!editing && (
            <FormField id="staff-username" label="Username" error={errors.username?.message} hint="Optional: a login besides the email.">
              <input {...register('username')} autoComplete="off" autoCapitalize="none" className={inputClass} />
            </FormField>
          )}
        </div>
        {!editing && (
          <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <legend className="px-1 text-sm font-medium text-slate-700 dark:text-slate-200">First login</legend>
            <label className="flex items-start gap-2.5 text-sm text-slate-700 dark:text-slate-300">
              <input
                type="checkbox"
                className={`${checkboxClass} mt-0.5`}
                checked={setPassword}
                onChange={(event) => {
                  setSetPassword(event.target.checked);
                  if (!event.target.checked) setValue('password', '');
                }}
              />
              <span>
                Set a temporary password instead of emailing an invitation link
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  They must change it after logging in.
                </span>
              </span>
            </label>
            {setPassword && (
              <FormField
                id="staff-password"
                label="Temporary password"
                error={errors.password?.message}
                hint={`At least ${PASSWORD_MIN} characters.`}
              >
                <input {...register('password')} type="password" autoComplete="new-password" className={inputClass} />
              </FormField>
            )}
          </fieldset>
        )}
      </form>
    </Modal>
  );
}
