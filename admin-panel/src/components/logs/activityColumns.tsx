import type { ActivityLogRead } from '@/api/types';
import type { Column } from '@/components/common/DataTable/types';
import { StatusBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import type { LogFilterName } from '@/services/logs';
import { formatDateTime, humanize } from '@/utils/format';
import { FilterLink } from './FilterLink';

type Filter = (changes: Partial<Record<LogFilterName, string>>) => void;

function statusTone(code: number | null): BadgeTone {
  if (code === null) return 'neutral';
  if (code >= 500) return 'danger';
  if (code >= 400) return 'warning';
  return 'success';
}

export function activityColumns(filter: Filter): Column<ActivityLogRead>[] {
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
          <span className="font-medium">{row.action}</span>
        </FilterLink>
      ),
    },
    {
      id: 'account_id',
      header: 'Account',
      cell: (row) =>
        row.account_id === null ? (
          '—'
        ) : (
          <FilterLink label="Show only this account" onClick={() => filter({ account_id: String(row.account_id) })}>
            #{row.account_id}
          </FilterLink>
        ),
    },
    { id: 'user_type', header: 'User type', cell: (row) => humanize(row.user_type) },
    {
      id: 'path',
      header: 'Request',
      cell: (row) => (
        <span className="font-mono text-xs whitespace-nowrap">
          <span className="font-semibold">{row.method}</span> {row.path}
        </span>
      ),
    },
    {
      id: 'status_code',
      header: 'Status',
      cell: (row) => <StatusBadge tone={statusTone(row.status_code)}>{row.status_code ?? '—'}</StatusBadge>,
    },
    { id: 'ip_address', header: 'IP address', cell: (row) => <span className="font-mono text-xs">{row.ip_address ?? '—'}</span> },
    {
      id: 'user_agent',
      header: 'User agent',
      defaultHidden: true,
      cell: (row) => <span className="block max-w-xs truncate text-xs" title={row.user_agent}>{row.user_agent || '—'}</span>,
    },
    {
      id: 'request_id',
      header: 'Request id',
      defaultHidden: true,
      cell: (row) => <span className="font-mono text-xs">{row.request_id}</span>,
    },
  ];
}
