import { z } from 'zod';
import type { ReportOption, ReportOptions } from '@/services/reports';
import { AMOUNT_PATTERN } from '@/utils/money';
import { CADENCES, REPORT_FORMATS, REPORT_KINDS } from './reportEnums';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface ReportValues {
  kind: (typeof REPORT_KINDS)[number];
  format: (typeof REPORT_FORMATS)[number];
  date_from: string;
  date_to: string;
  /** Filter name to what was typed or picked; '' is "not filtered". */
  filters: Record<string, string>;
  dimensions: string[];
  metrics: string[];
}

/** A filter's value as the API types it: ids as numbers, everything else as text. */
export function filterValue(option: ReportOption | undefined, raw: string): string | number {
  return option?.type === 'integer' ? Number(raw) : raw.trim();
}

/** The filters of `kind` that are set, typed for the API. */
export function chosenFilters(options: ReportOptions, kind: string, filters: Record<string, string>): Record<string, string | number> {
  const names = options.kinds.find((k) => k.kind === kind)?.filters ?? [];
  const chosen: Record<string, string | number> = {};
  for (const name of names) {
    const raw = filters[name] ?? '';
    if (raw.trim()) chosen[name] = filterValue(options.filters.find((f) => f.name === name), raw);
  }
  return chosen;
}

function filterProblem(option: ReportOption, raw: string): string | null {
  if (!raw.trim()) return null;
  if (option.type === 'integer' && !/^[1-9]\d*$/.test(raw.trim())) return 'A positive whole number.';
  if (option.type === 'money' && !AMOUNT_PATTERN.test(raw.trim())) return 'An amount, e.g. 25.00.';
  if (option.type === 'string' && raw.trim().length > 100) return 'At most 100 characters.';
  return null;
}

const filtersShape = z.record(z.string(), z.string());
const names = z.array(z.string());

/** The checks the API makes (catalogue.parse), so most mistakes are caught before sending. */
export function reportSchema(options: ReportOptions) {
  return z
    .object({
      kind: z.enum(REPORT_KINDS),
      format: z.enum(REPORT_FORMATS),
      date_from: z.string().regex(DAY, 'Pick the first day.'),
      date_to: z.string().regex(DAY, 'Pick the last day.'),
      filters: filtersShape,
      dimensions: names,
      metrics: names,
    })
    .superRefine((values, ctx) => {
      if (DAY.test(values.date_from) && DAY.test(values.date_to)) {
        const days = (Date.parse(values.date_to) - Date.parse(values.date_from)) / DAY_MS + 1;
        if (days < 1) ctx.addIssue({ code: 'custom', path: ['date_to'], message: 'The range ends before it starts.' });
        else if (days > options.max_range_days)
          ctx.addIssue({ code: 'custom', path: ['date_to'], message: `A report covers at most ${options.max_range_days} days.` });
      }
      const kind = options.kinds.find((k) => k.kind === values.kind);
      for (const name of kind?.filters ?? []) {
        const option = options.filters.find((f) => f.name === name);
        const problem = option && filterProblem(option, values.filters[name] ?? '');
        if (problem) ctx.addIssue({ code: 'custom', path: ['filters', name], message: problem });
      }
      const low = Number(values.filters.amount_min || NaN);
      const high = Number(values.filters.amount_max || NaN);
      if (kind?.filters.includes('amount_max') && low > high)
        ctx.addIssue({ code: 'custom', path: ['filters', 'amount_max'], message: 'Not below the minimum.' });
      if (values.kind !== 'custom') return;
      if (values.dimensions.length === 0) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: 'Pick at least one dimension.' });
      if (values.dimensions.length > options.max_dimensions)
        ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `At most ${options.max_dimensions} dimensions.` });
      if (values.metrics.length === 0) ctx.addIssue({ code: 'custom', path: ['metrics'], message: 'Pick at least one metric.' });
    });
}

const EMAIL = z.email('Not an email address.');

export const scheduleSchema = z.object({
  name: z.string().trim().min(1, 'Give the schedule a name.').max(200, 'At most 200 characters.'),
  kind: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  cadence: z.enum(CADENCES),
  recipients: z
    .string()
    .transform((text) => text.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(EMAIL).min(1, 'At least one recipient.').max(50, 'At most 50 recipients.')),
});
export type ScheduleInput = z.input<typeof scheduleSchema>;
export type ScheduleValues = z.output<typeof scheduleSchema>;
