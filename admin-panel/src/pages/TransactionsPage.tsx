import { DataTable } from '@/components/common/DataTable/DataTable';
import { ExportButton } from '@/components/common/ExportButton/ExportButton';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
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
  const { list, problems, valid, filtered, query } = useCheckedListQuery(TRANSACTION_FILTERS, checkTransactionFilters);
  const transactions = useTransactionList(query, valid);

  return (
    <>
      <PageHeader
        title="Transactions"
        description="Payments, refunds, commissions and credits, newest first."
        actions={
          canCall('GET /api/transactions/export/') && (
            <ExportButton download={() => downloadTransactionsCsv(query)} disabled={!valid} />
          )
        }
      />
      <DataTable
        tableId="transactions"
        caption="Transactions"
        columns={TRANSACTION_COLUMNS}
        rows={transactions.data?.items}
        getRowId={(row) => row.id}
        total={transactions.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        sort={list.sort}
        onSortChange={list.setSort}
        loading={transactions.isPending && valid}
        fetching={transactions.isFetching}
        error={transactions.error}
        onRetry={() => void transactions.refetch()}
        emptyTitle={filtered ? 'No transactions match' : 'No transactions yet'}
        emptyDescription={filtered ? 'Try a wider date range or fewer filters.' : undefined}
        toolbar={<TransactionFilters values={list.filters} onChange={list.setFilters} problems={problems} />}
        summary={
          <ListSummary
            total={transactions.data?.total}
            exact={transactions.data?.total_exact}
            filtered={filtered}
            onClear={list.clearFilters}
            noun={['transaction', 'transactions']}
          />
        }
      />
    </>
  );
}
