import { useState } from 'react';
import { useParams } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { ExportButton } from '@/components/common/ExportButton/ExportButton';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { RefundApproval } from '@/components/transactions/RefundApproval';
import { RefundModal } from '@/components/transactions/RefundModal';
import { TransactionFacts } from '@/components/transactions/TransactionFacts';
import { TransactionStatusBadge } from '@/components/transactions/TransactionStatusBadge';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { downloadInvoice, useTransaction } from '@/services/transactions';
import { humanize } from '@/utils/format';
import { toCents } from '@/utils/money';

export default function TransactionDetailsPage() {
  const id = Number(useParams().id);
  const { canCall } = useAuth();
  const [refunding, setRefunding] = useState(false);
  const [decided, setDecided] = useState<'approved' | 'rejected' | null>(null);
  const transaction = useTransaction(id, decided !== null);
  useDocumentTitle(transaction.data ? `Transaction ${transaction.data.transaction_id}` : 'Transaction');

  const back = <BackLink list="/transactions">Back to transactions</BackLink>;
  if (transaction.isPending) {
    return (
      <>
        {back}
        <LoadingSpinner label="Loading transaction…" />
      </>
    );
  }
  if (transaction.isError) {
    return (
      <>
        {back}
        <ErrorState error={transaction.error} onRetry={() => void transaction.refetch()} />
      </>
    );
  }

  const data = transaction.data;
  // Only completed payments carry a refundable amount; nothing to offer once it reaches zero.
  const refundable = data.refundable_amount !== null && (toCents(data.refundable_amount) ?? 0) > 0 ? data.refundable_amount : null;
  // The API invoices completed payments only (a 409 for anything else).
  const invoiced = data.transaction_type === 'payment' && data.status === 'completed';
  const response = Object.keys(data.payment_gateway_response).length > 0 ? data.payment_gateway_response : null;

  return (
    <>
      {back}
      <PageHeader
        title={data.transaction_id}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <TransactionStatusBadge status={data.status} />
            <span>{humanize(data.transaction_type)}</span>
          </span>
        }
        actions={
          <>
            {invoiced && canCall('GET /api/transactions/{transaction_id}/invoice/') && (
              <ExportButton label="Download invoice" download={() => downloadInvoice(data.id)} />
            )}
            {refundable && canCall('POST /api/transactions/{transaction_id}/refund/') && (
              <ActionButton variant="danger" icon="refund" onClick={() => setRefunding(true)}>
                Refund
              </ActionButton>
            )}
          </>
        }
      />
      {data.approval_required && decided === null && (
        <Card title="Approval" className="mb-6">
          <RefundApproval refund={data} onDecided={(approved) => setDecided(approved ? 'approved' : 'rejected')} />
        </Card>
      )}
      {decided && data.status === 'pending' && (
        <FormAlert tone="info" className="mb-6">
          {decided === 'approved'
            ? 'Approved: the refund workflow is paying it back…'
            : 'Rejected: the refund workflow is marking it failed…'}
        </FormAlert>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Transaction details" className="min-w-0 lg:col-span-2">
          <TransactionFacts transaction={data} />
        </Card>
        <Card title="Gateway response" className="min-w-0">
          {response ? (
            <pre className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-700 dark:bg-slate-950 dark:text-slate-300">
              {JSON.stringify(response, null, 2)}
            </pre>
          ) : (
            <p className="text-sm text-slate-500 dark:text-slate-400">The provider has not answered for this transaction.</p>
          )}
        </Card>
      </div>
      {refunding && refundable && (
        <RefundModal
          payment={{ ...data, refundable_amount: refundable }}
          onClose={() => setRefunding(false)}
        />
      )}
    </>
  );
}
