import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useRequestReport, type ReportOption, type ReportOptions } from '@/services/reports';
import { todayIso } from '@/utils/dates';
import { humanize } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { checkboxClass, inputClass } from '@/utils/styles';
import { FORMAT_LABELS, REPORT_FORMATS } from './reportEnums';
import { chosenFilters, reportSchema, type ReportValues } from './reportSchema';

function monthStart(now = new Date()): string {
  return todayIso(new Date(now.getFullYear(), now.getMonth(), 1));
}

function FilterInput({ option, id, ...field }: { option: ReportOption; id: string } & ReturnType<ReturnType<typeof useForm<ReportValues>>['register']>) {
  if (option.type === 'enum') {
    return (
      <select id={id} {...field} className={inputClass}>
        <option value="">Any</option>
        {option.choices.map((choice) => (
          <option key={choice} value={choice}>
            {humanize(choice)}
          </option>
        ))}
      </select>
    );
  }
  const numeric = option.type === 'integer' || option.type === 'money';
  return <input id={id} {...field} inputMode={numeric ? 'decimal' : undefined} autoComplete="off" className={inputClass} />;
}

function Choices({
  legend,
  hint,
  options,
  error,
  register,
}: {
  legend: string;
  hint: string;
  options: ReportOption[];
  error: string | undefined;
  register: ReturnType<ReturnType<typeof useForm<ReportValues>>['register']>;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : `${id}-hint`} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </p>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.name} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" value={option.name} {...register} className={checkboxClass} />
            {option.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Asks for a report: kind, format, period, the kind's filters and, for a custom report, its dimensions and metrics. */
export function ReportForm({ options }: { options: ReportOptions }) {
  const id = useId();
  const navigate = useNavigate();
  const { notify } = useNotify();
  const request = useRequestReport();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => reportSchema(options), [options]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ReportValues>({
    resolver: zodResolver(schema),
    defaultValues: { kind: 'sales', format: 'csv', date_from: monthStart(), date_to: todayIso(), filters: {}, dimensions: [], metrics: [] },
  });
  const kind = watch('kind');
  const filterNames = options.kinds.find((k) => k.kind === kind)?.filters ?? [];
  const filters = filterNames.flatMap((name) => options.filters.filter((f) => f.name === name));

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const custom = values.kind === 'custom';
    try {
      const job = await request.mutateAsync({
        kind: values.kind,
        format: values.format,
        date_from: values.date_from,
        date_to: values.date_to,
        filters: chosenFilters(options, values.kind, values.filters),
        dimensions: custom ? values.dimensions : [],
        metrics: custom ? values.metrics : [],
      });
      notify('success', `Report ${job.id} is being made. It appears in the list with its progress.`);
      void navigate('/reports');
    } catch (error) {
      const fields = [
        'kind',
        'format',
        'date_from',
        'date_to',
        'dimensions',
        'metrics',
        ...filterNames.map((name) => `filters.${name}`),
      ] as Path<ReportValues>[];
      setFormError(applyApiErrors(error, setError, fields));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={`${id}-kind`} label="Report" error={errors.kind?.message} required>
          <select {...register('kind')} className={inputClass}>
            {options.kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-format`} label="Format" error={errors.format?.message} required>
          <select {...register('format')} className={inputClass}>
            {REPORT_FORMATS.filter((format) => options.formats.includes(format)).map((format) => (
              <option key={format} value={format}>
                {FORMAT_LABELS[format]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-from`} label="First day" error={errors.date_from?.message} required>
          <input type="date" {...register('date_from')} className={inputClass} />
        </FormField>
        <FormField id={`${id}-to`} label="Last day" error={errors.date_to?.message} hint="Included." required>
          <input type="date" {...register('date_to')} className={inputClass} />
        </FormField>
      </div>
      {filters.length > 0 && (
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900 dark:text-white">Filters</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">Leave a filter empty to include everything.</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {filters.map((option) => (
              <FormField key={option.name} id={`${id}-filter-${option.name}`} label={option.label} error={errors.filters?.[option.name]?.message}>
                <FilterInput option={option} id={`${id}-filter-${option.name}`} {...register(`filters.${option.name}`)} />
              </FormField>
            ))}
          </div>
        </fieldset>
      )}
      {kind === 'custom' && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Choices
            legend="Group by (dimensions)"
            hint={`One row per combination; at most ${options.max_dimensions}.`}
            options={options.dimensions}
            error={errors.dimensions?.message}
            register={register('dimensions')}
          />
          <Choices legend="Columns (metrics)" hint="Computed over the orders of each row." options={options.metrics} error={errors.metrics?.message} register={register('metrics')} />
        </div>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ActionButton variant="secondary" onClick={() => void navigate('/reports')} disabled={isSubmitting}>
          Cancel
        </ActionButton>
        <ActionButton type="submit" loading={isSubmitting}>
          Generate report
        </ActionButton>
      </div>
    </form>
  );
}
