import { useId, useState, type ReactNode } from 'react';
import { Icon } from '@/components/common/Icon/Icon';
import { humanize } from '@/utils/format';
import { cx, inputClass } from '@/utils/styles';

export const filterLabelClass = 'mb-1.5 block text-xs font-medium text-slate-600 dark:text-slate-400';

interface FilterGridProps {
  children: ReactNode;
  /** Problems found before asking the API (a range that ends before it starts…). */
  problems?: string;
  problemsId?: string;
  /**
   * On a phone, fold the filters behind a "Filters" button (a long list would push the table
   * off the screen); the number says how many are set. From the sm breakpoint they are shown.
   */
  collapsible?: { active: number };
}

/** A list's filters, as many to a row as fit; one column on a phone. */
export function FilterGrid({ children, problems, problemsId, collapsible }: FilterGridProps) {
  const gridId = useId();
  const [open, setOpen] = useState(false);
  const folded = collapsible && !open;
  return (
    <div className="w-full space-y-2">
      {collapsible && (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={gridId}
          onClick={() => setOpen((value) => !value)}
          className="inline-flex items-center gap-2 rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 sm:hidden dark:border-slate-700 dark:text-slate-200"
        >
          <Icon name="filter" className="size-4" />
          Filters{collapsible.active > 0 ? ` (${collapsible.active})` : ''}
          <Icon name={open ? 'chevronUp' : 'chevronDown'} className="size-4" />
        </button>
      )}
      <div
        id={gridId}
        className={cx(
          'w-full grid-cols-1 gap-3 sm:grid sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))]',
          folded ? 'hidden' : 'grid',
        )}
      >
        {children}
      </div>
      {problems && (
        <p id={problemsId} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {problems}
        </p>
      )}
    </div>
  );
}

interface FilterSelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** [value, label] pairs; the first is usually ['', 'Any']. */
  options: ReadonlyArray<readonly [string, string]>;
}

export function FilterSelect({ label, value, onChange, options }: FilterSelectProps) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={filterLabelClass}>
        {label}
      </label>
      <select id={id} className={inputClass} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

interface DateRangeFilterProps {
  from: string;
  to: string;
  /** Called with the edge that changed: `{ from }` or `{ to }`. */
  onChange: (changes: { from?: string; to?: string }) => void;
  fromLabel?: string;
  toLabel?: string;
  /** The range ends before it starts: the end is marked and points at the message. */
  invalid?: boolean;
  describedBy?: string;
}

/** Two day pickers; each limits the other so a backwards range is hard to pick. */
export function DateRangeFilter({
  from,
  to,
  onChange,
  fromLabel = 'From',
  toLabel = 'To',
  invalid,
  describedBy,
}: DateRangeFilterProps) {
  const id = useId();
  return (
    <>
      <div className="min-w-0">
        <label htmlFor={`${id}-from`} className={filterLabelClass}>
          {fromLabel}
        </label>
        <input
          id={`${id}-from`}
          type="date"
          className={inputClass}
          value={from}
          max={to || undefined}
          onChange={(event) => onChange({ from: event.target.value })}
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={`${id}-to`} className={filterLabelClass}>
          {toLabel}
        </label>
        <input
          id={`${id}-to`}
          type="date"
          className={inputClass}
          value={to}
          min={from || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? describedBy : undefined}
          onChange={(event) => onChange({ to: event.target.value })}
        />
      </div>
    </>
  );
}

/** A DateRangeFilter change as the lists' `created_from` / `created_to` filters. */
export function createdRange({ from, to }: { from?: string; to?: string }) {
  const changes: { created_from?: string; created_to?: string } = {};
  if (from !== undefined) changes.created_from = from;
  if (to !== undefined) changes.created_to = to;
  return changes;
}

/** Filter options for an enum: "Any …" first, then each value in words. */
export function enumOptions(values: readonly string[], any: string): Array<readonly [string, string]> {
  return [['', any], ...values.map((value) => [value, humanize(value)] as const)];
}
