import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { OrderDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useNotify } from '@/hooks/useNotify';
import { useAssignDelivery } from '@/services/orders';
import { toLocalInput } from '@/utils/dates';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { deliverySchema, type DeliveryValues } from './orderSchemas';

interface AssignDeliveryModalProps {
  order: Pick<OrderDetail, 'id' | 'order_number' | 'courier' | 'delivery_tracking_number' | 'delivery_eta'>;
  onClose: () => void;
  /** The API handed the dispatch to the order's workflow (202): it happens a moment later. */
  onAccepted: () => void;
}

/** Courier, tracking number and ETA of a physical SIM; filled with what is set already. */
export function AssignDeliveryModal({ order, onClose, onAccepted }: AssignDeliveryModalProps) {
  const formId = useId();
  const assign = useAssignDelivery();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DeliveryValues>({
    resolver: zodResolver(deliverySchema),
    defaultValues: {
      courier: order.courier,
      tracking_number: order.delivery_tracking_number,
      eta: toLocalInput(order.delivery_eta),
    },
  });

  const onSubmit = handleSubmit(async ({ courier, tracking_number, eta }) => {
    setFormError(null);
    try {
      const { accepted } = await assign.mutateAsync({
        id: order.id,
        // datetime-local is the browser's time; the API takes an instant.
        body: { courier, tracking_number, eta: eta ? new Date(eta).toISOString() : null },
      });
      notify('success', `Delivery of ${order.order_number} is assigned to ${courier}.`);
      if (accepted) onAccepted();
      onClose();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['courier', 'tracking_number', 'eta']));
    }
  });

  return (
    <Modal
      open
      onClose={isSubmitting ? () => undefined : onClose}
      title="Assign delivery"
      description={`Who ships ${order.order_number}, and how to follow it.`}
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} loading={isSubmitting}>
            Save delivery
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id={`${formId}-courier`} label="Courier" error={errors.courier?.message} required>
          <input {...register('courier')} autoComplete="off" className={inputClass} />
        </FormField>
        <FormField id={`${formId}-tracking`} label="Tracking number" error={errors.tracking_number?.message} required>
          <input {...register('tracking_number')} autoComplete="off" autoCapitalize="characters" className={inputClass} />
        </FormField>
        <FormField id={`${formId}-eta`} label="Estimated delivery" error={errors.eta?.message} hint="Optional. Your local time.">
          <input {...register('eta')} type="datetime-local" className={inputClass} />
        </FormField>
      </form>
    </Modal>
  );
}
