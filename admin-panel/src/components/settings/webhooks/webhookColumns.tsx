import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { StatusBadge, ValueBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '@/services/webhooks';
import { formatDateTime } from '@/utils/format';

export const DELIVERY_TONES: Record<WebhookDeliveryStatus, BadgeTone> = {
  pending: 'warning',
  delivered: 'success',
  failed: 'danger',
};

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

export const ENDPOINT_COLUMNS: Column<WebhookEndpoint>[] = [
  {
    id: 'url',
    header: 'Endpoint',
    alwaysVisible: true,
    cell: (endpoint) => (
      <div className="max-w-xs min-w-44">
        <RecordLink to={`/settings/webhooks/${endpoint.id}`}>
          <span className="break-all">{endpoint.url}</span>
        </RecordLink>
        {endpoint.description && <p className="text-xs text-slate-500 dark:text-slate-400">{endpoint.description}</p>}
      </div>
    ),
  },
  { id: 'event_types', header: 'Events', cell: (endpoint) => <span className="text-xs">{endpoint.event_types.join(', ')}</span> },
  {
    id: 'is_active',
    header: 'State',
    cell: (endpoint) => <StatusBadge tone={endpoint.is_active ? 'success' : 'neutral'}>{endpoint.is_active ? 'Active' : 'Paused'}</StatusBadge>,
  },
  { id: 'secret_prefix', header: 'Secret', cell: (endpoint) => <code className="text-xs">{endpoint.secret_prefix}…</code> },
  { id: 'created_at', header: 'Added', cell: (endpoint) => nowrap(formatDateTime(endpoint.created_at)) },
];

export const DELIVERY_COLUMNS: Column<WebhookDelivery>[] = [
  { id: 'event_type', header: 'Event', alwaysVisible: true, cell: (delivery) => <code className="text-xs">{delivery.event_type}</code> },
  { id: 'status', header: 'Status', cell: (delivery) => <ValueBadge value={delivery.status} tones={DELIVERY_TONES} /> },
  { id: 'attempts', header: 'Attempts', align: 'right', cell: (delivery) => delivery.attempts },
  {
    id: 'last_status_code',
    header: 'Last answer',
    cell: (delivery) => (
      <span className="text-xs">
        {delivery.last_status_code ?? '—'}
        {delivery.last_error && <span className="block max-w-56 truncate text-red-700 dark:text-red-300" title={delivery.last_error}>{delivery.last_error}</span>}
      </span>
    ),
  },
  {
    id: 'created_at',
    header: 'Sent',
    cell: (delivery) => nowrap(formatDateTime(delivery.delivered_at ?? delivery.created_at)),
  },
  {
    id: 'next_attempt_at',
    header: 'Next attempt',
    defaultHidden: true,
    cell: (delivery) => nowrap(delivery.next_attempt_at ? formatDateTime(delivery.next_attempt_at) : '—'),
  },
  { id: 'delivery_id', header: 'Delivery id', defaultHidden: true, cell: (delivery) => <code className="text-xs">{delivery.delivery_id}</code> },
];
