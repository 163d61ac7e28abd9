import { useId } from 'react';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES } from '@/api/enums';
import { createdRange, DateRangeFilter, enumOptions, FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { FilterProblems } from '@/hooks/useCheckedListQuery';
import type { TransactionFilterName } from '@/services/transactions';

interface TransactionFiltersProps {
  values: Record<TransactionFilterName, string>;
  onChange: (changes: Partial<Record<TransactionFilterName, string>>) => void;
  problems: FilterProblems<TransactionFilterName>;
}

const TYPE_OPTIONS = enumOptions(TRANSACTION_TYPES, 'Any type');
const STATUS_OPTIONS = enumOptions(TRANSACTION_STATUSES, 'Any status');

export function TransactionFilters({ values, onChange, problems }: TransactionFiltersProps) {
  const problemsId = useId();
  return (
    <FilterGrid
      problems={Object.values(problems).join(' ')}
      problemsId={problemsId}
      collapsible={{ active: Object.values(values).filter(Boolean).length }}
    >
      <SearchFilter
        label="Search"
        value={values.search}
        onChange={(search) => onChange({ search })}
        placeholder="Transaction or gateway id"
      />
      <FilterSelect
        label="Type"
        value={values.transaction_type}
        onChange={(transaction_type) => onChange({ transaction_type })}
        options={TYPE_OPTIONS}
      />
      <FilterSelect label="Status" value={values.status} onChange={(status) => onChange({ status })} options={STATUS_OPTIONS} />
      <SearchFilter
        label="Method"
        icon={false}
        value={values.payment_method}
        onChange={(payment_method) => onChange({ payment_method })}
        placeholder="e.g. card"
      />
      <SearchFilter
        label="Order id"
        icon={false}
        inputMode="numeric"
        value={values.order_id}
        onChange={(order_id) => onChange({ order_id })}
        placeholder="e.g. 42"
      />
      <DateRangeFilter
        from={values.created_from}
        to={values.created_to}
        onChange={(range) => onChange(createdRange(range))}
        invalid={Boolean(problems.created_to)}
        describedBy={problemsId}
      />
    </FilterGrid>
  );
}
