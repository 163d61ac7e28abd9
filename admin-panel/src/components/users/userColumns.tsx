import type { PublicUserRead } from '@/api/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { StatusBadge, ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDate, humanize } from '@/utils/format';
import { USER_TONES } from './userStatus';

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

/** Whether the email and phone were confirmed, as two small badges. */
function Verified({ user }: { user: PublicUserRead }) {
  const badge = (label: string, at: string | null) => (
    <StatusBadge tone={at ? 'success' : 'neutral'}>
      {label} {at ? 'verified' : 'unverified'}
    </StatusBadge>
  );
  return (
    <div className="flex flex-wrap gap-1">
      {badge('Email', user.email_verified_at)}
      {badge('Phone', user.phone_verified_at)}
    </div>
  );
}

/** Column ids of sortable columns are the API's `ordering` names. */
export const USER_COLUMNS: Column<PublicUserRead>[] = [
  {
    id: 'full_name',
    header: 'Name',
    alwaysVisible: true,
    sortable: true,
    cell: (user) => (
      <div className="min-w-44">
        <RecordLink to={`/users/${user.id}`}>{user.full_name}</RecordLink>
        <p className="text-xs text-slate-500 dark:text-slate-400">{user.email}</p>
      </div>
    ),
  },
  { id: 'phone', header: 'Phone', cell: (user) => nowrap(user.phone) },
  { id: 'city', header: 'City', sortable: true, cell: (user) => user.city || '—' },
  { id: 'status', header: 'Status', sortable: true, cell: (user) => <ValueBadge value={user.status} tones={USER_TONES} /> },
  { id: 'orders_count', header: 'Orders', align: 'right', cell: (user) => user.orders_count },
  { id: 'verified', header: 'Verified', defaultHidden: true, cell: (user) => <Verified user={user} /> },
  {
    id: 'kyc',
    header: 'ID document',
    defaultHidden: true,
    cell: (user) =>
      user.id_document_type ? nowrap(`${humanize(user.id_document_type)} ${user.id_document_number}`) : '—',
  },
  { id: 'created_at', header: 'Joined', sortable: true, cell: (user) => nowrap(formatDate(user.created_at)) },
];
