import type { TransactionStatus } from '@/api/types';
import { StatusBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { humanize } from '@/utils/format';

const TONES: Record<TransactionStatus, BadgeTone> = {
  pending: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export function TransactionStatusBadge({ status }: { status: TransactionStatus }) {
  return <StatusBadge tone={TONES[status]}>{humanize(status)}</StatusBadge>;
}
