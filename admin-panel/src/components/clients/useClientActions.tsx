import { useState } from 'react';
import type { ClientRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ActionMenu, type MenuAction } from '@/components/common/ActionMenu/ActionMenu';
import { ReasonDialog } from '@/components/common/ReasonDialog/ReasonDialog';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useChangeClientStatus } from '@/services/clients';
import { ClientFormModal } from './ClientFormModal';
import { clientStatusMoves, type ClientStatusMove } from './clientStatus';

type Intent = { kind: 'edit' } | { kind: 'status'; move: ClientStatusMove };

/**
 * A client's Edit (which changes or upgrades its plan too) and Block/Unblock actions, as far as the
 * signed-in user may take them, and the dialogs behind them; for the clients list, a reseller's
 * clients tab (as a row menu) and the client's page (as buttons).
 */
export function useClientActions() {
  const { canCall } = useAuth();
  const changeStatus = useChangeClientStatus();
  const { notify } = useNotify();
  const [pending, setPending] = useState<{ client: ClientRead; intent: Intent } | null>(null);
  const canEdit = canCall('PATCH /api/clients/{client_id}/');
  const canChangeStatus = canCall('PATCH /api/clients/{client_id}/status/');

  function menu(client: ClientRead): MenuAction[] {
    const ask = (intent: Intent) => () => setPending({ client, intent });
    const actions: MenuAction[] = [];
    if (canEdit) actions.push({ label: 'Edit', icon: 'edit', onSelect: ask({ kind: 'edit' }) });
    if (canChangeStatus) {
      for (const move of clientStatusMoves(client.status)) {
        actions.push({
          label: move.label,
          icon: move.tone === 'danger' ? 'lock' : 'check',
          tone: move.tone === 'danger' ? 'danger' : undefined,
          onSelect: ask({ kind: 'status', move }),
        });
      }
    }
    return actions;
  }

  const close = () => setPending(null);
  const client = pending?.client;
  const move = pending?.intent.kind === 'status' ? pending.intent.move : null;
  const dialogs = client && (
    <>
      {pending.intent.kind === 'edit' && <ClientFormModal client={client} onClose={close} />}
      <ReasonDialog
        open={move !== null}
        title={move?.title ?? ''}
        description={move ? `${client.client_name}: ${move.description}` : undefined}
        confirmLabel={move?.label ?? ''}
        tone={move?.tone}
        onClose={close}
        onSubmit={async (reason) => {
          if (!move) return;
          await changeStatus.mutateAsync({ id: client.id, status: move.status, reason });
          notify('success', `${client.client_name} is now ${move.status === 'suspended' ? 'blocked' : move.status}.`);
        }}
      />
    </>
  );

  return {
    /** For a table's `rowActions`; undefined when the user may take none. */
    rowActions:
      canEdit || canChangeStatus
        ? (row: ClientRead) => <ActionMenu label={`Actions for ${row.client_name}`} actions={menu(row)} />
        : undefined,
    /** The same actions as a page header's buttons. */
    buttons: (client: ClientRead) =>
      menu(client).map((action) => (
        <ActionButton key={action.label} variant="secondary" icon={action.icon} onClick={action.onSelect}>
          {action.label}
        </ActionButton>
      )),
    dialogs,
  };
}
