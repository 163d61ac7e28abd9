import type { ResellerRead } from '@/api/types';
import type { MenuAction } from '@/components/common/ActionMenu/ActionMenu';
import type { Operation } from '@/api/permissions.gen';
import type { ResellerIntent } from './ResellerDialogs';
import { OPEN_ONBOARDING } from '@/services/onboarding';
import { statusMoves } from './resellerStatus';

interface Handlers {
  canCall: (operation: Operation) => boolean;
  open: (path: string) => void;
  ask: (intent: ResellerIntent) => void;
}

/** A reseller's actions the signed-in user may take, for the list's row menu. */
export function resellerMenu(reseller: ResellerRead, { canCall, open, ask }: Handlers): MenuAction[] {
  const actions: MenuAction[] = [{ label: 'View details', icon: 'eye', onSelect: () => open(`/resellers/${reseller.id}`) }];
  if (canCall('PUT /api/resellers/{reseller_id}/')) {
    actions.push({ label: 'Edit', icon: 'edit', onSelect: () => open(`/resellers/${reseller.id}/edit`) });
  }
  if (canCall('PATCH /api/resellers/{reseller_id}/status/')) {
    for (const move of statusMoves(reseller.status, OPEN_ONBOARDING.includes(reseller.onboarding_status))) {
      actions.push({
        label: move.label,
        icon: move.tone === 'danger' ? 'lock' : 'check',
        tone: move.tone === 'danger' ? 'danger' : undefined,
        onSelect: () => ask({ kind: 'status', move }),
      });
    }
  }
  if (canCall('DELETE /api/resellers/{reseller_id}/')) {
    actions.push({ label: 'Delete', icon: 'trash', tone: 'danger', onSelect: () => ask({ kind: 'delete' }) });
  }
  return actions;
}
