import type { TicketPriority, TicketStatus } from '@/api/types';
import { ValueBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';

const STATUS_TONES: Record<TicketStatus, BadgeTone> = {
  open: 'warning',
  in_progress: 'info',
  resolved: 'success',
  closed: 'neutral',
};

const PRIORITY_TONES: Record<TicketPriority, BadgeTone> = {
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  urgent: 'danger',
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <ValueBadge value={status} tones={STATUS_TONES} />;
}

export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  return <ValueBadge value={priority} tones={PRIORITY_TONES} />;
}
