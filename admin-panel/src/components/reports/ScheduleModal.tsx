import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useNotify } from '@/hooks/useNotify';
import { useCreateSchedule, useReportOptions } from '@/services/reports';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { FORMAT_LABELS, REPORT_FORMATS } from './reportEnums';
import { scheduleSchema, type ScheduleInput, type ScheduleValues } from './reportSchema';

/** A schedule has no builder: a custom report is asked for on its own page. */
const SCHEDULED_KINDS = (kind: string) => kind !== 'custom';

export function ScheduleModal({ onClose }: { onClose: () => void }) {
  const formId = useId();
  const create = useCreateSchedule();
  const options = useReportOptions();
  const { notify } = useNotify();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ScheduleInput, unknown, ScheduleValues>({
    resolver: zodResolver(scheduleSchema),
    defaultValues: { name: '', kind: 'sales', format: 'csv', cadence: 'daily', recipients: '' },
  });

  // A bad address is reported at its index (`recipients.1`); the field shows the first one.
  const recipientsError =
    errors.recipients?.message ??
    (Array.isArray(errors.recipients) ? errors.recipients.find((e: { message?: string } | undefined) => e?.message)?.message : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync({ ...values, active: true });
      notify('success', `"${created.name}" will be emailed ${created.cadence === 'daily' ? 'every morning' : 'every Monday'}.`);
      onClose();
    } catch (error) {
      // A refused address (`recipients.2`) is named in the form's message, which quotes the API's.
      setFormError(applyApiErrors(error, setError, ['name', 'kind', 'format', 'cadence', 'recipients']));
    }
  });

  return (
    <Modal
      open
      onClose={isSubmitting ? () => undefined : onClose}
      title="Schedule a report"
      description="Daily reports cover yesterday; weekly ones the last 7 days, sent on Mondays. Both go out at 06:00 UTC."
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </ActionButton>
          <ActionButton type="submit" form={formId} loading={isSubmitting}>
            Create schedule
          </ActionButton>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <FormField id={`${formId}-name`} label="Name" error={errors.name?.message} required>
          <input {...register('name')} autoComplete="off" className={inputClass} />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField id={`${formId}-kind`} label="Report" error={errors.kind?.message} required>
            <select {...register('kind')} className={inputClass}>
              {(options.data?.kinds ?? [{ kind: 'sales' as const, label: 'Sales', filters: [] }]).filter((k) => SCHEDULED_KINDS(k.kind)).map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id={`${formId}-format`} label="Format" error={errors.format?.message} required>
            <select {...register('format')} className={inputClass}>
              {REPORT_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {FORMAT_LABELS[format]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id={`${formId}-cadence`} label="Every" error={errors.cadence?.message} required>
            <select {...register('cadence')} className={inputClass}>
              <option value="daily">Day</option>
              <option value="weekly">Week</option>
            </select>
          </FormField>
        </div>
        <FormField
          id={`${formId}-recipients`}
          label="Recipients"
          error={recipientsError}
          hint="Email addresses, separated by commas or new lines."
          required
        >
          <textarea {...register('recipients')} rows={3} className={inputClass} />
        </FormField>
      </form>
    </Modal>
  );
}
