import type { AuditLogRead } from '@/api/types';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** What an audit row changed: each field with its value before and after. */
export function AuditChanges({ row }: { row: AuditLogRead }) {
  const before = row.before ?? {};
  const after = row.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fields.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="max-w-md space-y-1 text-xs">
      {fields.map((field) => (
        <div key={field} className="flex flex-wrap gap-x-1.5">
          <dt className="font-medium text-slate-600 dark:text-slate-300">{field}:</dt>
          <dd className="min-w-0 break-words">
            {field in before && (
              <>
                <del className="text-red-700 decoration-red-400 dark:text-red-300">{show(before[field])}</del>
                {field in after && <span aria-hidden="true"> → </span>}
              </>
            )}
            {field in after && <ins className="text-emerald-700 no-underline dark:text-emerald-300">{show(after[field])}</ins>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
