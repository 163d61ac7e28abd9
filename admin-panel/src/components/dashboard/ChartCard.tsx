import { Suspense, useState, type ReactNode } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { EmptyState } from '@/components/common/EmptyState/EmptyState';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { isBusinessOnly } from '@/services/dashboard';

interface ChartCardProps {
  id: string;
  title: string;
  description?: string;
  /** Selects beside the title (granularity, ranking…). */
  controls?: ReactNode;
  result: { isPending: boolean; error: unknown; refetch: () => unknown };
  empty: boolean;
  emptyTitle: string;
  /** One sentence saying what the chart shows, for screen readers. */
  summary: string;
  chart: ReactNode;
  /** The same figures as a table: the chart's text alternative, and a view of its own. */
  table: ReactNode;
}

/** A dashboard chart with its loading, empty and failed states and a chart/table switch. */
export function ChartCard({ id, title, description, controls, result, empty, emptyTitle, summary, chart, table }: ChartCardProps) {
  const [asTable, setAsTable] = useState(false);
  // A reseller login is refused figures about the whole business: no widget rather than an error.
  if (isBusinessOnly(result.error)) return null;

  let body: ReactNode;
  if (result.error) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (result.isPending) body = <LoadingSpinner label={`Loading ${title.toLowerCase()}…`} className="py-16" />;
  else if (empty) body = <EmptyState icon="activity" title={emptyTitle} description="Try a wider date range." />;
  else if (asTable) body = <div className="overflow-x-auto">{table}</div>;
  else
    body = (
      <figure>
        <figcaption className="sr-only">{summary}</figcaption>
        <div aria-hidden="true" className="text-slate-500 dark:text-slate-400">
          <Suspense fallback={<LoadingSpinner label="Drawing the chart…" className="py-16" />}>{chart}</Suspense>
        </div>
      </figure>
    );

  return (
    <Card
      id={id}
      title={title}
      description={description}
      className="min-w-0"
      actions={
        <div className="flex flex-wrap items-end gap-2">
          {controls}
          <ActionButton variant="secondary" size="sm" aria-pressed={asTable} onClick={() => setAsTable((value) => !value)}>
            {asTable ? 'Show chart' : 'Show table'}
          </ActionButton>
        </div>
      }
    >
      {body}
    </Card>
  );
}

interface FigureTableProps {
  caption: string;
  headers: Array<{ label: string; numeric?: boolean }>;
  rows: Array<{ key: string; cells: ReactNode[] }>;
}

/** A chart's figures as a plain table. */
export function FigureTable({ caption, headers, rows }: FigureTableProps) {
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          {headers.map((header) => (
            <th key={header.label} scope="col" className={header.numeric ? 'px-3 py-2 text-right' : 'px-3 py-2'}>
              {header.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => (
              <td
                key={headers[index]?.label ?? index}
                className={headers[index]?.numeric ? 'px-3 py-2 text-right tabular-nums' : 'px-3 py-2'}
              >
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A select for a chart's controls, labelled for screen readers and visible on wide screens. */
export function ChartSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <label className="flex flex-col text-xs font-medium text-slate-600 dark:text-slate-400">
      {label}
      <select
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        className="mt-1 h-8 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
