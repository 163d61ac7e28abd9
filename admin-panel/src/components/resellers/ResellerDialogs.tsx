import { useState } from 'react';
import { describeError } from '@/api/errors';
import type { ResellerRead } from '@/api/types';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { ReasonDialog } from '@/components/common/ReasonDialog/ReasonDialog';
import { useNotify } from '@/hooks/useNotify';
import { useChangeResellerStatus, useDeleteReseller } from '@/services/resellers';
import type { StatusMove } from './resellerStatus';

export type ResellerIntent = { kind: 'status'; move: StatusMove } | { kind: 'delete' };

interface ResellerDialogsProps {
  reseller: ResellerRead;
  intent: ResellerIntent | null;
  onClose: () => void;
  onDeleted?: () => void;
}

/** The confirmations behind a reseller's actions, for the list's menu and the details page. */
export function ResellerDialogs({ reseller, intent, onClose, onDeleted }: ResellerDialogsProps) {
  const changeStatus = useChangeResellerStatus();
  const remove = useDeleteReseller();
  const { notify } = useNotify();
  // A refusal (open orders, a balance) stays in the dialog, so its reason can be read.
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const name = reseller.business_name;

  function closeDelete() {
    setDeleteError(null);
    remove.reset();
    onClose();
  }

  async function confirmDelete() {
    setDeleteError(null);
    try {
      await remove.mutateAsync(reseller.id);
      notify('success', `${name} was deleted.`);
      closeDelete();
      onDeleted?.();
    } catch (error) {
      setDeleteError(error);
    }
  }

  const move = intent?.kind === 'status' ? intent.move : null;
  return (
    <>
      <ReasonDialog
        open={move !== null}
        title={move?.title ?? ''}
        description={move ? `${name}: ${move.description}` : undefined}
        confirmLabel={move?.label ?? ''}
        tone={move?.tone}
        onClose={onClose}
        onSubmit={async (reason) => {
          if (!move) return;
          await changeStatus.mutateAsync({ id: reseller.id, status: move.status, reason });
          notify('success', `${name} is now ${move.status}.`);
        }}
      />
      <ConfirmDialog
        open={intent?.kind === 'delete'}
        title="Delete this reseller?"
        message={
          <div className="space-y-3">
            <p>
              {name} is removed from the lists; their orders and the audit trail are kept. A reseller with
              open orders or an unsettled balance cannot be deleted.
            </p>
            {deleteError !== null && <FormAlert>{describeError(deleteError)}</FormAlert>}
          </div>
        }
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={closeDelete}
        onConfirm={() => void confirmDelete()}
      />
    </>
  );
}
