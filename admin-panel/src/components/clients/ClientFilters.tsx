import type { ResellerRead } from '@/api/types';
import { FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { CLIENT_FILTERS } from '@/services/clients';
import { CLIENT_STATUS_OPTIONS } from './clientStatus';

type Name = (typeof CLIENT_FILTERS)[number];

interface ClientFiltersProps {
  values: Record<Name, string>;
  onChange: (changes: Partial<Record<Name, string>>) => void;
  /** The resellers to pick from; without them (no resellers:read) there is no reseller filter. */
  resellers?: ResellerRead[];
}

export function ClientFilters({ values, onChange, resellers }: ClientFiltersProps) {
  return (
    <FilterGrid>
      <SearchFilter
        label="Search"
        value={values.search}
        onChange={(search) => onChange({ search })}
        placeholder="Name, email or phone"
      />
      {resellers && (
        <FilterSelect
          label="Reseller"
          value={values.reseller_id}
          onChange={(reseller_id) => onChange({ reseller_id })}
          options={[
            ['', 'Any reseller'],
            // A reseller picked by a shared link but beyond the first 100 still shows.
            ...(values.reseller_id && !resellers.some((reseller) => String(reseller.id) === values.reseller_id)
              ? [[values.reseller_id, `Reseller #${values.reseller_id}`] as const]
              : []),
            ...resellers.map((reseller) => [String(reseller.id), reseller.business_name] as const),
          ]}
        />
      )}
      <FilterSelect
        label="Status"
        value={values.status}
        onChange={(status) => onChange({ status })}
        options={CLIENT_STATUS_OPTIONS}
      />
    </FilterGrid>
  );
}
