import { ListTable } from '@/components/common/DataTable/ListTable';
import { ExportButton } from '@/components/common/ExportButton/ExportButton';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { TRANSACTION_COLUMNS } from '@/components/transactions/transactionColumns';
import { TransactionFilters } from '@/components/transactions/TransactionFilters';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useCheckedListQuery } from '@/hooks/useCheckedListQuery';
import {
  checkTransactionFilters,
  downloadTransactionsCsv,
  TRANSACTION_FILTERS,
  useTransactionList,
} from '@/services/transactions';

export default function TransactionsPage() {
  useDocumentTitle('Transactions');
  const { canCall } = useAuth();
  const state = useCheckedListQuery(TRANSACTION_FILTERS, checkTransactionFilters);
  const transactions = useTransactionList(state.query, state.valid);

  return (
    <>
      <PageHeader
        title="Transactions"
        description="Payments, refunds, commissions and credits, newest first."
        actions={
          canCall('GET /api/transactions/export/') && (
            <ExportButton download={() => downloadTransactionsCsv(state.query)} disabled={!state.valid} />
          )
        }
      />
      <ListTable
        tableId="transactions"
        caption="Transactions"
        columns={TRANSACTION_COLUMNS}
        state={state}
        result={transactions}
        noun={['transaction', 'transactions']}
        filteredHint="Try a wider date range or fewer filters."
        getRowId={(row) => row.id}
        toolbar={<TransactionFilters values={state.list.filters} onChange={state.list.setFilters} problems={state.problems} />}
      />
    </>
  );
}
