import type { StaffRead } from '@/api/types';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';

export function StaffStatus({ staff }: { staff: StaffRead }) {
  if (!staff.is_active) return <StatusBadge tone="neutral">Deactivated</StatusBadge>;
  if (staff.last_login_at === null) return <StatusBadge tone="info">Invited</StatusBadge>;
  if (staff.must_change_password) return <StatusBadge tone="warning">Password reset</StatusBadge>;
  return <StatusBadge tone="success">Active</StatusBadge>;
}
