import { useId } from 'react';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { LogFilterName } from '@/services/logs';
import { inputClass } from '@/utils/styles';

interface LogFiltersProps {
  names: readonly LogFilterName[];
  values: Partial<Record<LogFilterName, string>>;
  onChange: (changes: Partial<Record<LogFilterName, string>>) => void;
  /** Problems found before asking the API (a range that ends before it starts…). */
  problems: Partial<Record<LogFilterName, string>>;
}

const USER_TYPES = [
  ['', 'Anyone'],
  ['staff', 'Staff'],
  ['reseller', 'Reseller'],
  ['public', 'App user'],
  ['anonymous', 'Anonymous'],
  ['system', 'System'],
] as const;

const labelClass = 'mb-1.5 block text-xs font-medium text-slate-600 dark:text-slate-400';

export function LogFilters({ names, values, onChange, problems }: LogFiltersProps) {
  const id = useId();
  const has = (name: LogFilterName) => names.includes(name);
  const problemText = Object.values(problems).filter(Boolean).join(' ');

  return (
    <div className="w-full space-y-2">
      <div className="grid w-full grid-cols-1 gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))]">
        <SearchFilter
          label="Action"
          value={values.action ?? ''}
          onChange={(action) => onChange({ action })}
          placeholder="e.g. login"
        />
        <SearchFilter
          label="Account id"
          value={values.account_id ?? ''}
          onChange={(account_id) => onChange({ account_id })}
          inputMode="numeric"
          placeholder="e.g. 42"
        />
        <div>
          <label htmlFor={`${id}-type`} className={labelClass}>
            {has('entity_type') ? 'Actor type' : 'User type'}
          </label>
          <select
            id={`${id}-type`}
            className={inputClass}
            value={values.user_type ?? ''}
            onChange={(event) => onChange({ user_type: event.target.value })}
          >
            {USER_TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {has('entity_type') && (
          <SearchFilter
            label="Entity type"
            value={values.entity_type ?? ''}
            onChange={(entity_type) => onChange({ entity_type })}
            placeholder="e.g. account"
          />
        )}
        {has('entity_id') && (
          <SearchFilter
            label="Entity id"
            value={values.entity_id ?? ''}
            onChange={(entity_id) => onChange({ entity_id })}
          />
        )}
        <div>
          <label htmlFor={`${id}-from`} className={labelClass}>
            From
          </label>
          <input
            id={`${id}-from`}
            type="date"
            className={inputClass}
            value={values.created_from ?? ''}
            max={values.created_to || undefined}
            onChange={(event) => onChange({ created_from: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className={labelClass}>
            To
          </label>
          <input
            id={`${id}-to`}
            type="date"
            className={inputClass}
            value={values.created_to ?? ''}
            min={values.created_from || undefined}
            aria-invalid={problems.created_to ? true : undefined}
            aria-describedby={problems.created_to ? `${id}-problems` : undefined}
            onChange={(event) => onChange({ created_to: event.target.value })}
          />
        </div>
      </div>
      {problemText && (
        <p id={`${id}-problems`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {problemText}
        </p>
      )}
    </div>
  );
}
