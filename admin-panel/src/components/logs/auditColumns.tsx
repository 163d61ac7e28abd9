import type { AuditLogRead } from '@/api/types';
import type { Column } from '@/components/common/DataTable/types';
import type { LogFilterName } from '@/services/logs';
import { formatDateTime, humanize } from '@/utils/format';
import { AuditChanges } from './AuditChanges';
import { FilterLink } from './FilterLink';

type Filter = (changes: Partial<Record<LogFilterName, string>>) => void;

export function auditColumns(filter: Filter): Column<AuditLogRead>[] {
  return [
    {
      id: 'created_at',
      header: 'Time',
      alwaysVisible: true,
      cell: (row) => <span className="whitespace-nowrap">{formatDateTime(row.created_at)}</span>,
    },
    {
      id: 'action',
      header: 'Action',
      cell: (row) => (
        <FilterLink label={`Show only “${row.action}”`} onClick={() => filter({ action: row.action })}>
          <span className="font-medium whitespace-nowrap">{row.action}</span>
        </FilterLink>
      ),
    },
    {
      id: 'actor',
      header: 'By',
      cell: (row) =>
        row.actor_id === null ? (
          humanize(row.actor_type)
        ) : (
          <FilterLink label="Show only this actor" onClick={() => filter({ account_id: String(row.actor_id) })}>
            {humanize(row.actor_type)} #{row.actor_id}
          </FilterLink>
        ),
    },
    {
      id: 'entity',
      header: 'Entity',
      cell: (row) => (
        <FilterLink
          label="Show only this entity"
          onClick={() => filter({ entity_type: row.entity_type, entity_id: row.entity_id })}
        >
          <span className="whitespace-nowrap">
            {row.entity_type} #{row.entity_id}
          </span>
        </FilterLink>
      ),
    },
    { id: 'changes', header: 'Changes', cell: (row) => <AuditChanges row={row} /> },
    { id: 'reason', header: 'Reason', defaultHidden: true, cell: (row) => row.reason || '—' },
    {
      id: 'ip_address',
      header: 'IP address',
      defaultHidden: true,
      cell: (row) => <span className="font-mono text-xs">{row.ip_address ?? '—'}</span>,
    },
    {
      id: 'request_id',
      header: 'Request id',
      defaultHidden: true,
      cell: (row) => <span className="font-mono text-xs">{row.request_id}</span>,
    },
  ];
}
