import type { PublicUserStatus } from '@/api/types';
import type { BadgeTone } from '@/components/common/StatusBadge/StatusBadge';

export const USER_TONES: Record<PublicUserStatus, BadgeTone> = {
  active: 'success',
  pending_verification: 'warning',
  blocked: 'danger',
};

export const USER_STATUS_OPTIONS = [
  ['', 'Any status'],
  ['active', 'Active'],
  ['pending_verification', 'Pending verification'],
  ['blocked', 'Blocked'],
] as const;

const MASK = '••••';

/** As the API masks it in lists: the last four characters, at most half the number. */
export function maskDocument(number: string): string {
  if (!number) return '';
  return MASK + number.slice(-Math.min(4, Math.floor(number.length / 2)));
}
