import type { ResellerStatus } from '@/api/types';
import type { BadgeTone } from '@/components/common/StatusBadge/StatusBadge';

export const RESELLER_TONES: Record<ResellerStatus, BadgeTone> = {
  active: 'success',
  pending: 'warning',
  suspended: 'danger',
};

export interface StatusMove {
  status: ResellerStatus;
  /** The button or menu item. */
  label: string;
  title: string;
  description: string;
  tone: 'primary' | 'danger';
}

const APPROVE: StatusMove = {
  status: 'active',
  label: 'Approve',
  title: 'Approve this reseller?',
  description: 'They and their clients can place orders.',
  tone: 'primary',
};
const REACTIVATE: StatusMove = { ...APPROVE, label: 'Reactivate', title: 'Reactivate this reseller?' };
const SUSPEND: StatusMove = {
  status: 'suspended',
  label: 'Suspend',
  title: 'Suspend this reseller?',
  description: 'Neither they nor their clients can place new orders until reactivated. Open orders go on.',
  tone: 'danger',
};

/**
 * The status changes offered from each status. The API accepts any change; "pending" is only
 * where a new reseller waits for approval, so moving back there is not offered. A reseller still
 * in onboarding is approved through it (with limits), never by setting the status by hand.
 */
export function statusMoves(current: ResellerStatus, inOnboarding = false): StatusMove[] {
  if (current === 'pending') return inOnboarding ? [SUSPEND] : [APPROVE, SUSPEND];
  if (current === 'active') return [SUSPEND];
  return [REACTIVATE];
}

export const RESELLER_STATUS_OPTIONS = [
  ['', 'Any status'],
  ['pending', 'Pending'],
  ['active', 'Active'],
  ['suspended', 'Suspended'],
] as const;
