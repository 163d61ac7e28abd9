import { useId } from 'react';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '@/api/enums';
import type { ResellerRead, StaffRead } from '@/api/types';
import { createdRange, DateRangeFilter, enumOptions, FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { SearchFilter } from '@/components/common/SearchFilter/SearchFilter';
import type { FilterProblems } from '@/hooks/useCheckedListQuery';
import type { TicketFilterName } from '@/services/support';
import { assigneeOptions } from './AssigneeOptions';

interface TicketFiltersProps {
  values: Record<TicketFilterName, string>;
  onChange: (changes: Partial<Record<TicketFilterName, string>>) => void;
  problems: FilterProblems<TicketFilterName>;
  me: { id: number };
  /** Offered as assignees when the user may list staff. */
  staff: StaffRead[] | undefined;
  /** Offered as requesters when the user may list resellers. */
  resellers: ResellerRead[] | undefined;
}

const STATUS_OPTIONS = enumOptions(TICKET_STATUSES, 'Any status');
const PRIORITY_OPTIONS = enumOptions(TICKET_PRIORITIES, 'Any priority');

function resellerOptions(resellers: ResellerRead[], current: string): Array<readonly [string, string]> {
  const options = [['', 'Any reseller'] as const, ...resellers.map((r) => [String(r.id), r.business_name] as const)];
  // A shared link may name a reseller past the first 100: keep it selectable.
  return current && !options.some(([id]) => id === current) ? [...options, [current, `Reseller #${current}`]] : options;
}

export function TicketFilters({ values, onChange, problems, me, staff, resellers }: TicketFiltersProps) {
  const problemsId = useId();
  const assigned = values.assigned_to_id;
  const assignees: Array<readonly [string, string]> = [
    ['', 'Anyone'],
    ...assigneeOptions(me, staff, assigned ? { id: Number(assigned), full_name: `Staff #${assigned}` } : null),
  ];
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
        placeholder="Subject or ticket number"
      />
      <FilterSelect label="Status" value={values.status} onChange={(status) => onChange({ status })} options={STATUS_OPTIONS} />
      <FilterSelect
        label="Priority"
        value={values.priority}
        onChange={(priority) => onChange({ priority })}
        options={PRIORITY_OPTIONS}
      />
      <FilterSelect
        label="Assigned to"
        value={assigned}
        onChange={(assigned_to_id) => onChange({ assigned_to_id })}
        options={assignees}
      />
      <SearchFilter
        label="App user id"
        icon={false}
        inputMode="numeric"
        value={values.user_id}
        // One requester at a time: the API has no "this user or that reseller".
        onChange={(user_id) => onChange(user_id ? { user_id, reseller_id: '' } : { user_id })}
        placeholder="e.g. 42"
      />
      {resellers && (
        <FilterSelect
          label="Reseller"
          value={values.reseller_id}
          onChange={(reseller_id) => onChange(reseller_id ? { reseller_id, user_id: '' } : { reseller_id })}
          options={resellerOptions(resellers, values.reseller_id)}
        />
      )}
      <DateRangeFilter
        from={values.created_from}
        to={values.created_to}
        fromLabel="Opened from"
        toLabel="Opened to"
        onChange={(range) => onChange(createdRange(range))}
        invalid={Boolean(problems.created_to)}
        describedBy={problemsId}
      />
    </FilterGrid>
  );
}
