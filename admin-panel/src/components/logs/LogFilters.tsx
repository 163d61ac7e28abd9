import { useId } from 'react';
import { createdRange, DateRangeFilter, FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { LogFilterName } from '@/services/logs';

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

export function LogFilters({ names, values, onChange, problems }: LogFiltersProps) {
  const problemsId = useId();
  const has = (name: LogFilterName) => names.includes(name);

  return (
    <FilterGrid problems={Object.values(problems).filter(Boolean).join(' ')} problemsId={problemsId}>
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
      <FilterSelect
        label={has('entity_type') ? 'Actor type' : 'User type'}
        value={values.user_type ?? ''}
        onChange={(user_type) => onChange({ user_type })}
        options={USER_TYPES}
      />
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
      <DateRangeFilter
        from={values.created_from ?? ''}
        to={values.created_to ?? ''}
        onChange={(range) => onChange(createdRange(range))}
        invalid={Boolean(problems.created_to)}
        describedBy={problemsId}
      />
    </FilterGrid>
  );
}
