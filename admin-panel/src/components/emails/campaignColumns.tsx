import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { ValueBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import type { CampaignRead, CampaignStatus, RecipientRead, RecipientStatus } from '@/services/emails';
import { formatDateTime } from '@/utils/format';
import { SEGMENTS } from './emailSchema';

export const CAMPAIGN_TONES: Record<CampaignStatus, BadgeTone> = { sending: 'info', completed: 'success', cancelled: 'neutral' };
export const RECIPIENT_TONES: Record<RecipientStatus, BadgeTone> = { pending: 'warning', sent: 'success', cancelled: 'neutral' };

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

/** "App users in a city: Lisbon". */
export function audience(campaign: Pick<CampaignRead, 'segment' | 'segment_value'>): string {
  const { label } = SEGMENTS[campaign.segment];
  return campaign.segment_value ? `${label}: ${campaign.segment_value}` : label;
}

export const CAMPAIGN_COLUMNS: Column<CampaignRead>[] = [
  {
    id: 'subject',
    header: 'Subject',
    alwaysVisible: true,
    cell: (campaign) => (
      <span className="block max-w-xs min-w-40 break-words">
        <RecordLink to={`/emails/${campaign.id}`}>{campaign.subject}</RecordLink>
      </span>
    ),
  },
  { id: 'segment', header: 'Recipients', cell: audience },
  { id: 'status', header: 'Status', cell: (campaign) => <ValueBadge value={campaign.status} tones={CAMPAIGN_TONES} /> },
  { id: 'recipients_total', header: 'Reach', align: 'right', cell: (campaign) => campaign.recipients_total },
  { id: 'created_at', header: 'Started', cell: (campaign) => nowrap(formatDateTime(campaign.created_at)) },
  {
    id: 'finished_at',
    header: 'Finished',
    cell: (campaign) => nowrap(campaign.finished_at ? formatDateTime(campaign.finished_at) : '—'),
  },
];

export const RECIPIENT_COLUMNS: Column<RecipientRead>[] = [
  {
    id: 'email',
    header: 'Recipient',
    alwaysVisible: true,
    cell: (recipient) => (
      <span className="block min-w-40">
        <span className="block font-medium text-slate-900 dark:text-white">{recipient.name || recipient.email}</span>
        {recipient.name && <span className="text-xs text-slate-500 dark:text-slate-400">{recipient.email}</span>}
      </span>
    ),
  },
  { id: 'status', header: 'Status', cell: (recipient) => <ValueBadge value={recipient.status} tones={RECIPIENT_TONES} /> },
  { id: 'sent_at', header: 'Sent', cell: (recipient) => nowrap(recipient.sent_at ? formatDateTime(recipient.sent_at) : '—') },
];
