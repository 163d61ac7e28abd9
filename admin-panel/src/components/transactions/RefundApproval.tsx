import { useState } from 'react';
import type { TransactionDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { ReasonDialog } from '@/components/common/ReasonDialog/ReasonDialog';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useRefundDecision } from '@/services/transactions';
import { formatMoney } from '@/utils/format';

interface RefundApprovalProps {
  refund: Pick<TransactionDetail, 'id' | 'transaction_id' | 'amount' | 'currency' | 'created_by_id'>;
  /** The decision was taken: the refund's workflow pays it or fails it next. */
  onDecided: (approved: boolean) => void;
}

/**
 * A refund above the approval threshold waits for a second person: Approve and Reject for
 * those who may refund, except its requester (the API refuses them too: four eyes).
 */
export function RefundApproval({ refund, onDecided }: RefundApprovalProps) {
  const { user, canCall } = useAuth();
  const decide = useRefundDecision();
  const { notify, notifyError } = useNotify();
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const amount = formatMoney(refund.amount, refund.currency);

  if (refund.created_by_id !== null && refund.created_by_id === user?.id) {
    return (
      <FormAlert tone="info">
        You requested this refund of {amount}: it is above the approval threshold and waits for someone else to
        approve it.
      </FormAlert>
    );
  }
  if (!canCall('POST /api/transactions/{transaction_id}/decision/')) {
    return (
      <FormAlert tone="info">
        This refund of {amount} is above the approval threshold and waits for a second person&apos;s approval.
      </FormAlert>
    );
  }

  async function approve() {
    try {
      await decide.mutateAsync({ id: refund.id, approve: true, reason: '' });
      notify('success', `Refund ${refund.transaction_id} approved: it is being paid back.`);
      setAsking(null);
      onDecided(true);
    } catch (error) {
      setAsking(null);
      notifyError(error);
    }
  }

  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        This refund of {amount} is above the approval threshold: nothing is paid back until someone other than its
        requester approves it.
      </p>
      <div className="flex shrink-0 gap-2">
        <ActionButton icon="check" onClick={() => setAsking('approve')}>
          Approve
        </ActionButton>
        <ActionButton variant="danger" icon="close" onClick={() => setAsking('reject')}>
          Reject
        </ActionButton>
      </div>
      <ConfirmDialog
        open={asking === 'approve'}
        title={`Approve refund ${refund.transaction_id}?`}
        message={`${amount} goes back to the payer's card. This cannot be undone.`}
        confirmLabel="Approve refund"
        tone="primary"
        busy={decide.isPending}
        onConfirm={() => void approve()}
        onCancel={() => setAsking(null)}
      />
      <ReasonDialog
        open={asking === 'reject'}
        title={`Reject refund ${refund.transaction_id}?`}
        description="The refund fails and nothing is paid back."
        confirmLabel="Reject refund"
        tone="danger"
        reasonHint="Recorded as the refund's failure reason."
        onSubmit={async (reason) => {
          await decide.mutateAsync({ id: refund.id, approve: false, reason });
          notify('success', `Refund ${refund.transaction_id} rejected.`);
          onDecided(false);
        }}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}
