import type { ResellerRead } from '@/api/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDate, formatMoney } from '@/utils/format';
import { CreditLimitFlag } from './CreditLimitFlag';
import { RESELLER_TONES } from './resellerStatus';

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

/** Column ids of sortable columns are the API's `ordering` names. */
export const RESELLER_COLUMNS: Column<ResellerRead>[] = [
  {
    id: 'business_name',
    header: 'Reseller',
    alwaysVisible: true,
    sortable: true,
    cell: (reseller) => (
      <div className="min-w-44">
        <RecordLink to={`/resellers/${reseller.id}`}>{reseller.business_name}</RecordLink>
        <p className="text-xs text-slate-500 dark:text-slate-400">{reseller.email}</p>
      </div>
    ),
  },
  { id: 'contact_person', header: 'Contact', cell: (reseller) => reseller.contact_person },
  { id: 'phone', header: 'Phone', defaultHidden: true, cell: (reseller) => nowrap(reseller.phone) },
  { id: 'city', header: 'City', sortable: true, cell: (reseller) => reseller.city },
  { id: 'country', header: 'Country', sortable: true, cell: (reseller) => reseller.country },
  {
    id: 'status',
    header: 'Status',
    sortable: true,
    cell: (reseller) => (
      <span className="flex flex-wrap gap-1">
        <ValueBadge value={reseller.status} tones={RESELLER_TONES} />
        <CreditLimitFlag reseller={reseller} />
      </span>
    ),
  },
  {
    id: 'credit_limit',
    header: 'Credit limit',
    sortable: true,
    align: 'right',
    cell: (reseller) => nowrap(formatMoney(reseller.credit_limit, reseller.currency)),
  },
  {
    id: 'current_balance',
    header: 'Balance',
    align: 'right',
    cell: (reseller) => nowrap(formatMoney(reseller.current_balance, reseller.currency)),
  },
  {
    id: 'commission_rate',
    header: 'Commission',
    align: 'right',
    defaultHidden: true,
    cell: (reseller) => nowrap(`${reseller.commission_rate}%`),
  },
  {
    id: 'revenue_total',
    header: 'Revenue',
    align: 'right',
    cell: (reseller) => nowrap(formatMoney(reseller.revenue_total, reseller.currency)),
  },
  {
    id: 'created_at',
    header: 'Added',
    sortable: true,
    cell: (reseller) => nowrap(formatDate(reseller.created_at)),
  },
];
