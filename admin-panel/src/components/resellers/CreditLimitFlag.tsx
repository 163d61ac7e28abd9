import type { ResellerRead } from '@/api/types';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';

/** Shown while the reseller's credit exposure is at its limit (new orders on credit are refused). */
export function CreditLimitFlag({ reseller }: { reseller: Pick<ResellerRead, 'credit_limit_reached_at'> }) {
  return reseller.credit_limit_reached_at ? <StatusBadge tone="danger">Credit limit reached</StatusBadge> : null;
}
