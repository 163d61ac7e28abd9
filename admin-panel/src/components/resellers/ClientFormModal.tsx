import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ResellerRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useActivePlans, useCreateClient } from '@/services/resellers';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { clientSchema, normalisePhone, type ClientValues } from '@/utils/validation';

const EMPTY: ClientValues = { client_name: '', client_email: '', client_phone: '', plan_id: '', monthly_limit: '0' };
const FIELDS = ['client_name', 'client_email', 'client_phone', 'plan_id', 'monthly_limit'] as const;

interface ClientFormModalProps {
  reseller: ResellerRead;
  onClose: () => void;
}

/** Adds a client under a reseller. The API has no endpoint to edit a client yet. */
export function ClientFormModal({ reseller, onClose }: ClientFormModalProps) {
  const { canCall } = useAuth();
  const plans = useActivePlans(canCall('GET /api/catalog/plans/'));
  const create = useCreateClient();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ClientValues, unknown, { monthly_limit: number } & Omit<ClientValues, 'monthly_limit'>>({
    resolver: zodResolver(clientSchema),
    defaultValues: EMPTY,
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await create.mutateAsync({
        resellerId: reseller.id,
        body: {
          client_name: values.client_name,
          client_email: values.client_email,
          client_phone: normalisePhone(values.client_phone) ?? '',
          plan_id: values.plan_id ? Number(values.plan_id) : null,
          monthly_limit: values.monthly_limit,
        },
      });
      notify('success', `${values.client_name} was added to ${reseller.business_name}.`);
      onClose();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, FIELDS));
    }
  });

  return (
    <Modal
      open
      onClose={onClose}
      title="Add a client"
      description={`A customer of ${reseller.business_name}.`}
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form="client-form" loading={isSubmitting}>
            Add client
          </ActionButton>
        </>
      }
    >
      <form id="client-form" onSubmit={onSubmit} noValidate className="space-y-5">
        {formError && <FormAlert>{formError}</FormAlert>}
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField id="client-name" label="Name" error={errors.client_name?.message} required className="sm:col-span-2">
            <input {...register('client_name')} autoComplete="off" className={inputClass} />
          </FormField>
          <FormField id="client-email" label="Email" error={errors.client_email?.message} required>
            <input {...register('client_email')} type="email" autoComplete="off" className={inputClass} />
          </FormField>
          <FormField id="client-phone" label="Phone" error={errors.client_phone?.message} required hint="e.g. +14155550123">
            <input {...register('client_phone')} type="tel" autoComplete="off" className={inputClass} />
          </FormField>
          {plans.data && (
            <FormField id="client-plan" label="Plan" error={errors.plan_id?.message}>
              <select {...register('plan_id')} className={inputClass}>
                <option value="">No plan yet</option>
                {plans.data.items.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {plan.name}
                  </option>
                ))}
              </select>
            </FormField>
          )}
          <FormField
            id="client-monthly-limit"
            label="Monthly limit"
            error={errors.monthly_limit?.message}
            hint="Orders a month; 0 for no limit."
          >
            <input {...register('monthly_limit')} inputMode="numeric" className={inputClass} />
          </FormField>
        </div>
      </form>
    </Modal>
  );
}
