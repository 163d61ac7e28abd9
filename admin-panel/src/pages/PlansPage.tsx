import { FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import { DataTransferActions } from '@/components/dataTransfer/DataTransferActions';
import { PLAN_COLUMNS } from '@/components/plans/planColumns';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { PLAN_FILTERS, usePlanList } from '@/services/plans';

const SIM_TYPES = [
  ['', 'Any SIM'],
  ['physical', 'Physical'],
  ['esim', 'eSIM'],
] as const;
const ON_SALE = [
  ['', 'On sale or not'],
  ['true', 'On sale'],
  ['false', 'Withdrawn'],
] as const;

/** The catalogue's plans: browsed, exported and imported here (edited through the API). */
export default function PlansPage() {
  useDocumentTitle('Plans');
  const state = useListQuery(PLAN_FILTERS, usePageSizePreference());
  const plans = usePlanList(state.query);
  const { filters, setFilters } = state.list;
  return (
    <>
      <PageHeader
        title="Plans"
        description="The SIM and eSIM plans on offer, with their allowances and prices."
        actions={<DataTransferActions resource="plans" query={state.query} noun="plans" />}
      />
      <ListTable
        tableId="plans"
        caption="Plans"
        columns={PLAN_COLUMNS}
        state={state}
        result={plans}
        noun={['plan', 'plans']}
        getRowId={(row) => row.id}
        toolbar={
          <FilterGrid>
            <SearchFilter label="Search" value={filters.search} onChange={(search) => setFilters({ search })} placeholder="Name or code" />
            <FilterSelect label="SIM type" value={filters.sim_type} onChange={(sim_type) => setFilters({ sim_type })} options={SIM_TYPES} />
            <FilterSelect label="On sale" value={filters.is_active} onChange={(is_active) => setFilters({ is_active })} options={ON_SALE} />
          </FilterGrid>
        }
      />
    </>
  );
}
