import { useId } from 'react';
import { ORDER_SOURCES, ORDER_STATUSES, PAYMENT_STATUSES } from '@/api/enums';
import { createdRange, DateRangeFilter, enumOptions, FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { FilterProblems } from '@/hooks/useCheckedListQuery';
import type { OrderFilterName } from '@/services/orders';

interface OrderFiltersProps {
  values: Record<OrderFilterName, string>;
  onChange: (changes: Partial<Record<OrderFilterName, string>>) => void;
  problems: FilterProblems<OrderFilterName>;
}

const SOURCE_OPTIONS = enumOptions(ORDER_SOURCES, 'Any source');
const STATUS_OPTIONS = enumOptions(ORDER_STATUSES, 'Any status');
const PAYMENT_OPTIONS = enumOptions(PAYMENT_STATUSES, 'Any payment status');

export function OrderFilters({ values, onChange, problems }: OrderFiltersProps) {
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
        placeholder="Order, tracking no., name, phone"
      />
      <FilterSelect label="Source" value={values.source} onChange={(source) => onChange({ source })} options={SOURCE_OPTIONS} />
      <FilterSelect label="Status" value={values.status} onChange={(status) => onChange({ status })} options={STATUS_OPTIONS} />
      <FilterSelect
        label="Payment"
        value={values.payment_status}
        onChange={(payment_status) => onChange({ payment_status })}
        options={PAYMENT_OPTIONS}
      />
      <SearchFilter
        label="Network"
        icon={false}
        value={values.network_provider}
        onChange={(network_provider) => onChange({ network_provider })}
        placeholder="e.g. Vodafone"
      />
      <DateRangeFilter
        from={values.created_from}
        to={values.created_to}
        fromLabel="Placed from"
        toLabel="Placed to"
        onChange={(range) => onChange(createdRange(range))}
        invalid={Boolean(problems.created_to)}
        describedBy={problemsId}
      />
      <SearchFilter
        label="Total from"
        icon={false}
        inputMode="decimal"
        value={values.amount_min}
        onChange={(amount_min) => onChange({ amount_min })}
        placeholder="0.00"
      />
      <SearchFilter
        label="Total to"
        icon={false}
        inputMode="decimal"
        value={values.amount_max}
        onChange={(amount_max) => onChange({ amount_max })}
        placeholder="Any"
      />
    </FilterGrid>
  );
}
