import { Link } from 'react-router';
import type { TransactionDetail } from '@/api/types';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { formatDateTime, formatMoney, humanize } from '@/utils/format';
import { payerLabel } from './transactionColumns';
import { TransactionStatusBadge } from './TransactionStatusBadge';

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';

export function TransactionFacts({ transaction: t }: { transaction: TransactionDetail }) {
  return (
    <FactList>
      <Fact label="Type">{humanize(t.transaction_type)}</Fact>
      <Fact label="Status">
        <TransactionStatusBadge status={t.status} />
      </Fact>
      <Fact label="Amount">
        <span className="tabular-nums">{formatMoney(t.amount, t.currency)}</span>
      </Fact>
      {t.refundable_amount !== null && (
        <Fact label="Still refundable">
          <span className="tabular-nums">{formatMoney(t.refundable_amount, t.currency)}</span>
        </Fact>
      )}
      <Fact label="Method">{t.payment_method ? humanize(t.payment_method) : '—'}</Fact>
      <Fact label="Payer">{payerLabel(t)}</Fact>
      <Fact label="Order">
        {t.order_id === null ? (
          '—'
        ) : (
          <Link to={`/orders/${t.order_id}`} className={linkClass}>
            Order #{t.order_id}
          </Link>
        )}
      </Fact>
      {t.parent_id !== null && (
        <Fact label={t.transaction_type === 'refund' ? 'Refund of' : 'Related to'}>
          <Link to={`/transactions/${t.parent_id}`} className={linkClass}>
            Transaction #{t.parent_id}
          </Link>
        </Fact>
      )}
      <Fact label="Gateway id">
        <span className="font-mono text-xs">{t.gateway_transaction_id || '—'}</span>
      </Fact>
      <Fact label="Created">{formatDateTime(t.created_at)}</Fact>
      <Fact label="Last change">{formatDateTime(t.updated_at)}</Fact>
      {t.failure_reason && (
        <Fact label="Failure reason" wide>
          {t.failure_reason}
        </Fact>
      )}
    </FactList>
  );
}
