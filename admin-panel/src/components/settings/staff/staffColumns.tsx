import type { StaffRead } from '@/api/types';
import type { Column } from '@/components/common/DataTable/types';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDate, formatDateTime, fullName, humanize } from '@/utils/format';
import { StaffStatus } from './StaffStatus';

export const STAFF_COLUMNS: Column<StaffRead>[] = [
  {
    id: 'name',
    header: 'Name',
    alwaysVisible: true,
    cell: (staff) => (
      <div className="min-w-44">
        <p className="font-medium text-slate-900 dark:text-white">{fullName(staff)}</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">{staff.email}</p>
      </div>
    ),
  },
  { id: 'username', header: 'Username', defaultHidden: true, cell: (staff) => staff.username ?? '—' },
  { id: 'role', header: 'Role', cell: (staff) => humanize(staff.role) },
  { id: 'status', header: 'Status', cell: (staff) => <StaffStatus staff={staff} /> },
  {
    id: 'two_factor',
    header: '2FA',
    cell: (staff) =>
      staff.two_factor_enabled ? <StatusBadge tone="success">On</StatusBadge> : <StatusBadge tone="neutral">Off</StatusBadge>,
  },
  { id: 'phone', header: 'Phone', defaultHidden: true, cell: (staff) => staff.phone ?? '—' },
  {
    id: 'last_login_at',
    header: 'Last login',
    cell: (staff) => <span className="whitespace-nowrap">{formatDateTime(staff.last_login_at)}</span>,
  },
  {
    id: 'created_at',
    header: 'Added',
    defaultHidden: true,
    cell: (staff) => <span className="whitespace-nowrap">{formatDate(staff.created_at)}</span>,
  },
];
