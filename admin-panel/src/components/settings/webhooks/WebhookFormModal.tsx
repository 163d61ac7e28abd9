import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import {
  useCreateWebhookEndpoint,
  useUpdateWebhookEndpoint,
  WEBHOOK_EVENTS,
  type WebhookEndpoint,
  type WebhookEndpointCreated,
} from '@/services/webhooks';
import { applyApiErrors } from '@/utils/forms';
import { checkboxClass, inputClass } from '@/utils/styles';
import { webhookSchema, type WebhookValues } from './webhookSchema';

interface WebhookFormModalProps {
  /** Editing this endpoint (closed once saved); adding one (handed to `onCreated`) when absent. */
  endpoint?: WebhookEndpoint;
  onClose: () => void;
  onCreated?: (created: WebhookEndpointCreated) => void;
}

const FIELDS = ['url', 'description', 'event_types', 'is_active'] as const;

export function WebhookFormModal({ endpoint, onClose, onCreated }: WebhookFormModalProps) {
  const formId = useId();
  const create = useCreateWebhookEndpoint();
  const update = useUpdateWebhookEndpoint();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<WebhookValues>({
    resolver: zodResolver(webhookSchema),
    defaultValues: {
      url: endpoint?.url ?? '',
      description: endpoint?.description ?? '',
      event_types: (endpoint?.event_types as WebhookValues['event_types'] | undefined) ?? ['order.status_changed'],
      is_active: endpoint?.is_active ?? true,
    },
  });

  const submit = handleSubmit(async ({ is_active, ...values }) => {
    setFormError(null);
    try {
      if (endpoint) {
        await update.mutateAsync({ id: endpoint.id, body: { ...values, is_active } });
        onClose();
      } else {
        // The caller swaps this form for the one-time secret.
        onCreated?.(await create.mutateAsync(values));
      }
    } catch (error) {
      setFormError(applyApiErrors(error, setError, FIELDS));
    }
  });

  return (
    <Modal
      open
      onClose={isSubmitting ? () => undefined : onClose}
      title={endpoint ? 'Edit webhook endpoint' : 'Add webhook endpoint'}
      description="Events are POSTed as JSON, signed with the endpoint's secret (X-Simdesk-Signature)."
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} loading={isSubmitting}>
            {endpoint ? 'Save' : 'Add endpoint'}
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id={`${formId}-url`} label="URL" error={errors.url?.message} required>
          <input {...register('url')} type="url" inputMode="url" placeholder="https://shop.example.com/hooks" data-autofocus className={inputClass} />
        </FormField>
        <FormField id={`${formId}-description`} label="Description" error={errors.description?.message}>
          <input {...register('description')} className={inputClass} />
        </FormField>
        <fieldset aria-describedby={errors.event_types ? `${formId}-events-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">
            Events<span aria-hidden="true" className="ml-0.5 text-red-600 dark:text-red-400">*</span>
          </legend>
          <div className="mt-2 space-y-2">
            {WEBHOOK_EVENTS.map(([value, label]) => (
              <label key={value} className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-200">
                <input type="checkbox" value={value} {...register('event_types')} className={`${checkboxClass} mt-0.5`} />
                <span>
                  {label} <code className="text-xs text-slate-500 dark:text-slate-400">{value}</code>
                </span>
              </label>
            ))}
          </div>
          {errors.event_types && (
            <p id={`${formId}-events-error`} className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400">
              {errors.event_types.message}
            </p>
          )}
        </fieldset>
        {endpoint && (
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" {...register('is_active')} className={checkboxClass} />
            Active: send events to this endpoint
          </label>
        )}
      </form>
    </Modal>
  );
}
