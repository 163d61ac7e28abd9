import type { OrderRead } from '@/api/types';
import { DataTransferActions } from '@/components/dataTransfer/DataTransferActions';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { useRowSelection } from '@/components/common/DataTable/useRowSelection';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { BulkStatusBar } from '@/components/orders/BulkStatusBar';
import { ORDER_COLUMNS } from '@/components/orders/orderColumns';
import { OrderFilters } from '@/components/orders/OrderFilters';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useCheckedListQuery } from '@/hooks/useCheckedListQuery';
import { checkOrderFilters, ORDER_FILTERS, useLiveOrderRows, useOrderList } from '@/services/orders';
import { queryKeys } from '@/services/queryKeys';

const orderId = (order: OrderRead) => order.id;
const orderNumber = (order: OrderRead) => order.order_number;

export default function OrdersPage() {
  useDocumentTitle('Orders');
  const { canCall } = useAuth();
  const state = useCheckedListQuery(ORDER_FILTERS, checkOrderFilters);
  const orders = useOrderList(state.query, state.valid);
  useLiveOrderRows(orders.data?.items, queryKeys.ordersLists, state.list.filters.status);
  const { selection, selected, clear } = useRowSelection(orderId, orderNumber);
  const canBulk = canCall('POST /api/orders/bulk/');

  return (
    <>
      <PageHeader
        title="Orders"
        description="Every SIM and eSIM order, from app users and from resellers."
        actions={<DataTransferActions resource="orders" query={state.query} noun="orders" disabled={!state.valid} />}
      />
      <ListTable
        tableId="orders"
        caption="Orders"
        columns={ORDER_COLUMNS}
        state={state}
        result={orders}
        noun={['order', 'orders']}
        filteredHint="Try a wider date range or fewer filters."
        getRowId={orderId}
        selection={canBulk ? selection : undefined}
        toolbar={
          <>
            <OrderFilters values={state.list.filters} onChange={state.list.setFilters} problems={state.problems} />
            {canBulk && <BulkStatusBar selected={selected} onClear={clear} />}
          </>
        }
      />
    </>
  );
}
