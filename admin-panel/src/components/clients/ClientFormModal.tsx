import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ClientRead, ClientUpdate, ResellerRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useUpdateClient } from '@/services/clients';
import { useActivePlans, useCreateClient } from '@/services/resellers';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { clientEditSchema, clientSchema, normalisePhone, type ClientValues } from '@/utils/validation';

const EMPTY: ClientValues = { client_name: '', client_email: '', client_phone: '', plan_id: '', monthly_limit: '0' };
const FIELDS = ['client_name', 'client_email', 'client_phone', 'plan_id', 'monthly_limit'] as const;

type ClientFormModalProps = { onClose: () => void } & (
  | { reseller: ResellerRead; client?: undefined }
  | { client: ClientRead; reseller?: undefined }
);

function valuesOf(client: ClientRead): ClientValues {
  return {
    client_name: client.client_name,
    client_email: client.client_email,
    client_phone: client.client_phone,
    plan_id: client.plan_id === null ? '' : String(client.plan_id),
    monthly_limit: String(client.monthly_limit),
  };
}

/** Adds a client under a reseller, or edits one (all but the email, which the API keeps). */
export function ClientFormModal({ reseller, client, onClose }: ClientFormModalProps) {
  const { canCall } = useAuth();
  const canReadPlans = canCall('GET /api/catalog/plans/');
  const plans = useActivePlans(canReadPlans);
  const create = useCreateClient();
  const update = useUpdateClient();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<ClientValues, unknown, { monthly_limit: number } & Omit<ClientValues, 'monthly_limit'>>({
    resolver: zodResolver(client ? clientEditSchema : clientSchema),
    defaultValues: client ? valuesOf(client) : EMPTY,
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const planId = values.plan_id ? Number(values.plan_id) : null;
    try {
      if (client) {
        // Only what was changed: a plan the catalogue no longer offers stays as it is.
        const body: ClientUpdate = {};
        if (dirtyFields.client_name) body.client_name = values.client_name;
        if (dirtyFields.client_phone) body.client_phone = normalisePhone(values.client_phone);
        if (dirtyFields.plan_id) body.plan_id = planId;
        if (dirtyFields.monthly_limit) body.monthly_limit = values.monthly_limit;
        if (Object.keys(body).length > 0) {
          await update.mutateAsync({ id: client.id, body });
          notify('success', `${values.client_name} was updated.`);
        }
      } else {
        await create.mutateAsync({
          resellerId: reseller.id,
          body: {
            client_name: values.client_name,
            client_email: values.client_email,
            client_phone: normalisePhone(values.client_phone) ?? '',
            plan_id: planId,
            monthly_limit: values.monthly_limit,
          },
        });
        notify('success', `${values.client_name} was added to ${reseller.business_name}.`);
      }
      onClose();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, FIELDS));
    }
  });

  const currentPlan = client?.plan_id ?? null;
  const planOffered = currentPlan === null || plans.data?.items.some((plan) => plan.id === currentPlan);

  return (
    <Modal
      open
      onClose={onClose}
      title={client ? 'Edit client' : 'Add a client'}
      description={client ? client.client_email : `A customer of ${reseller.business_name}.`}
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form="client-form" loading={isSubmitting}>
            {client ? 'Save changes' : 'Add client'}
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
          {!client && (
            <FormField id="client-email" label="Email" error={errors.client_email?.message} required>
              <input {...register('client_email')} type="email" autoComplete="off" className={inputClass} />
            </FormField>
          )}
          <FormField id="client-phone" label="Phone" error={errors.client_phone?.message} required hint="e.g. +14155550123">
            <input {...register('client_phone')} type="tel" autoComplete="off" className={inputClass} />
          </FormField>
          {canReadPlans ? (
            plans.data && (
            <FormField id="client-plan" label="Plan" error={errors.plan_id?.message}>
              <select {...register('plan_id')} className={inputClass}>
                <option value="">No plan yet</option>
                {!planOffered && <option value={currentPlan}>Plan #{currentPlan} (no longer offered)</option>}
                {plans.data.items.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {plan.name}
                  </option>
                ))}
              </select>
            </FormField>
            )
          ) : (
            <FormField id="client-plan" label="Plan ID" error={errors.plan_id?.message} hint="Empty for no plan.">
              <input {...register('plan_id')} inputMode="numeric" autoComplete="off" className={inputClass} />
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
