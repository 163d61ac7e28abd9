import type { ClientStatus } from '@/api/types';
import type { BadgeTone } from '@/components/common/StatusBadge/StatusBadge';

export const CLIENT_TONES: Record<ClientStatus, BadgeTone> = {
  active: 'success',
  inactive: 'neutral',
  suspended: 'danger',
};

export const CLIENT_STATUS_OPTIONS = [
  ['', 'Any status'],
  ['active', 'Active'],
  ['inactive', 'Inactive'],
  ['suspended', 'Blocked'],
] as const;

export interface ClientStatusMove {
  status: ClientStatus;
  label: string;
  title: string;
  description: string;
  tone: 'primary' | 'danger';
}

const BLOCK: ClientStatusMove = {
  status: 'suspended',
  label: 'Block',
  title: 'Block this client?',
  description: 'No new orders can be placed for them until unblocked. Open orders go on.',
  tone: 'danger',
};
const UNBLOCK: ClientStatusMove = {
  status: 'active',
  label: 'Unblock',
  title: 'Unblock this client?',
  description: 'Orders can be placed for them again.',
  tone: 'primary',
};

/** Blocking is "suspended" in the API; an inactive client can be blocked too. */
export function clientStatusMoves(current: ClientStatus): ClientStatusMove[] {
  return current === 'suspended' ? [UNBLOCK] : [BLOCK];
}
