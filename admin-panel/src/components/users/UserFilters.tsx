import { FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { USER_FILTERS } from '@/services/users';
import { USER_STATUS_OPTIONS } from './userStatus';

type Name = (typeof USER_FILTERS)[number];

interface UserFiltersProps {
  values: Record<Name, string>;
  onChange: (changes: Partial<Record<Name, string>>) => void;
}

export function UserFilters({ values, onChange }: UserFiltersProps) {
  return (
    <FilterGrid>
      <SearchFilter
        label="Search"
        value={values.search}
        onChange={(search) => onChange({ search })}
        placeholder="Name, email or phone"
      />
      <SearchFilter label="City" value={values.city} onChange={(city) => onChange({ city })} />
      <FilterSelect
        label="Status"
        value={values.status}
        onChange={(status) => onChange({ status })}
        options={USER_STATUS_OPTIONS}
      />
    </FilterGrid>
  );
}
