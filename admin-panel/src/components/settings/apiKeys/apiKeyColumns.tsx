import type { ApiKeyRead } from '@/api/types';
import type { Column } from '@/components/common/DataTable/types';
import { ValueBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { formatDate, formatDateTime, formatRelative } from '@/utils/format';

const TONES: Record<ApiKeyRead['status'], BadgeTone> = { active: 'success', expired: 'warning', revoked: 'neutral' };
const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

export const API_KEY_COLUMNS: Column<ApiKeyRead>[] = [
  {
    id: 'name',
    header: 'Name',
    alwaysVisible: true,
    sortable: true,
    cell: (key) => (
      <div className="min-w-40">
        <p className="font-medium text-slate-900 dark:text-white">{key.name}</p>
        <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{key.prefix}…</p>
      </div>
    ),
  },
  { id: 'status', header: 'Status', cell: (key) => <ValueBadge value={key.status} tones={TONES} /> },
  {
    id: 'scopes',
    header: 'Scopes',
    cell: (key) => (
      <span className="block max-w-72 truncate font-mono text-xs" title={key.scopes.join(', ')}>
        {key.scopes.join(', ')}
      </span>
    ),
  },
  { id: 'created_at', header: 'Created', sortable: true, cell: (key) => nowrap(formatDateTime(key.created_at)) },
  { id: 'last_used_at', header: 'Last used', sortable: true, cell: (key) => nowrap(formatRelative(key.last_used_at)) },
  { id: 'expires_at', header: 'Expires', cell: (key) => nowrap(key.expires_at ? formatDate(key.expires_at) : 'Never') },
];
