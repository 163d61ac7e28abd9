import { useId } from 'react';
import { DateRangeFilter, FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { RESELLER_FILTERS } from '@/services/resellers';
import { RESELLER_STATUS_OPTIONS } from './resellerStatus';

type Name = (typeof RESELLER_FILTERS)[number];

interface ResellerFiltersProps {
  values: Record<Name, string>;
  onChange: (changes: Partial<Record<Name, string>>) => void;
  problems: Partial<Record<Name, string>>;
}

export function ResellerFilters({ values, onChange, problems }: ResellerFiltersProps) {
  const problemsId = useId();
  return (
    <FilterGrid problems={problems.created_to} problemsId={problemsId}>
      <SearchFilter
        label="Search"
        value={values.search}
        onChange={(search) => onChange({ search })}
        placeholder="Name, email, phone, city"
      />
      <FilterSelect
        label="Status"
        value={values.status}
        onChange={(status) => onChange({ status })}
        options={RESELLER_STATUS_OPTIONS}
      />
      <SearchFilter label="Country" value={values.country} onChange={(country) => onChange({ country })} />
      <DateRangeFilter
        from={values.created_from}
        to={values.created_to}
        fromLabel="Added from"
        toLabel="Added to"
        onChange={({ from, to }) =>
          onChange({ ...(from !== undefined && { created_from: from }), ...(to !== undefined && { created_to: to }) })
        }
        invalid={Boolean(problems.created_to)}
        describedBy={problemsId}
      />
    </FilterGrid>
  );
}
