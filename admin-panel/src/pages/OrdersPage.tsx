import type { OrderRead } from '@/api/types';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { useRowSelection } from '@/components/common/DataTable/useRowSelection';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { BulkStatusBar } from '@/components/orders/BulkStatusBar';
import { ORDER_COLUMNS } from '@/components/orders/orderColumns';
import { OrderFilters } from '@/components/orders/OrderFilters';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useCheckedListQuery } from '@/hooks/useCheckedListQuery';
import { checkOrderFilters, ORDER_FILTERS, useOrderList } from '@/services/orders';

const orderId = (order: OrderRead) => order.id;
const orderNumber = (order: OrderRead) => order.order_number;

export default function OrdersPage() {
  useDocumentTitle('Orders');
  const { canCall } = useAuth();
  const { list, problems, valid, filtered, query } = useCheckedListQuery(ORDER_FILTERS, checkOrderFilters);
  const orders = useOrderList(query, valid);
  const { selection, selected, clear } = useRowSelection(orderId, orderNumber);
  const canBulk = canCall('POST /api/orders/bulk/');

  return (
    <>
      <PageHeader title="Orders" description="Every SIM and eSIM order, from app users and from resellers." />
      <DataTable
        tableId="orders"
        caption="Orders"
        columns={ORDER_COLUMNS}
        rows={orders.data?.items}
        getRowId={orderId}
        total={orders.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        sort={list.sort}
        onSortChange={list.setSort}
        loading={orders.isPending && valid}
        fetching={orders.isFetching}
        error={orders.error}
        onRetry={() => void orders.refetch()}
        emptyTitle={filtered ? 'No orders match' : 'No orders yet'}
        emptyDescription={filtered ? 'Try a wider date range or fewer filters.' : undefined}
        selection={canBulk ? selection : undefined}
        toolbar={
          <>
            <OrderFilters values={list.filters} onChange={list.setFilters} problems={problems} />
            {canBulk && <BulkStatusBar selected={selected} onClear={clear} />}
          </>
        }
        summary={
          <ListSummary
            total={orders.data?.total}
            exact={orders.data?.total_exact}
            filtered={filtered}
            onClear={list.clearFilters}
            noun={['order', 'orders']}
          />
        }
      />
    </>
  );
}
