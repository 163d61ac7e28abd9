import { useState } from 'react';
import { useParams } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ReasonDialog } from '@/components/common/ReasonDialog/ReasonDialog';
import { Tabs, type TabItem } from '@/components/common/Tabs/Tabs';
import { ORDER_COLUMNS } from '@/components/orders/orderColumns';
import { PrivacyActions } from '@/components/users/PrivacyActions';
import { UserOverview } from '@/components/users/UserOverview';
import { USER_TICKET_COLUMNS, USER_TRANSACTION_COLUMNS } from '@/components/users/userRelatedColumns';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useNotify } from '@/hooks/useNotify';
import { useChangeUserStatus, useUser, useUserOrders, useUserTickets, useUserTransactions } from '@/services/users';

export default function UserDetailsPage() {
  const id = Number(useParams().id);
  const user = useUser(id);
  useDocumentTitle(user.data?.full_name ?? 'App user');
  const { canCall } = useAuth();
  const changeStatus = useChangeUserStatus();
  const { notify } = useNotify();
  const [confirming, setConfirming] = useState(false);

  if (user.error) return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  if (!user.data) return <LoadingSpinner fullPage />;
  const data = user.data;
  const action = data.status === 'blocked' ? 'unblock' : 'block';

  const tabs: TabItem[] = [];
  if (canCall('GET /api/users/{user_id}/orders/')) {
    tabs.push({
      id: 'orders',
      label: 'Orders',
      content: (
        <RelatedTable
          tableId="user-orders"
          caption={`Orders of ${data.full_name}`}
          columns={ORDER_COLUMNS}
          useRows={(paging) => useUserOrders(id, paging)}
          getRowId={(row) => row.id}
          noun={['order', 'orders']}
          emptyTitle="No orders yet"
        />
      ),
    });
  }
  if (canCall('GET /api/users/{user_id}/transactions/')) {
    tabs.push({
      id: 'transactions',
      label: 'Payments',
      content: (
        <RelatedTable
          tableId="user-transactions"
          caption={`Payments of ${data.full_name}`}
          columns={USER_TRANSACTION_COLUMNS}
          useRows={(paging) => useUserTransactions(id, paging)}
          getRowId={(row) => row.id}
          noun={['transaction', 'transactions']}
          emptyTitle="No payments yet"
        />
      ),
    });
  }
  if (canCall('GET /api/users/{user_id}/support-tickets/')) {
    tabs.push({
      id: 'tickets',
      label: 'Support tickets',
      content: (
        <RelatedTable
          tableId="user-tickets"
          caption={`Support tickets of ${data.full_name}`}
          columns={USER_TICKET_COLUMNS}
          useRows={(paging) => useUserTickets(id, paging)}
          getRowId={(row) => row.id}
          noun={['ticket', 'tickets']}
          emptyTitle="No support tickets"
        />
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={data.full_name}
        description={data.email}
        actions={
          <>
            <PrivacyActions user={data} />
            {canCall('PATCH /api/users/{user_id}/status/') && (
              <ActionButton
                variant={action === 'block' ? 'danger' : 'primary'}
                icon={action === 'block' ? 'lock' : 'check'}
                onClick={() => setConfirming(true)}
              >
                {action === 'block' ? 'Block' : 'Unblock'}
              </ActionButton>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <UserOverview user={data} />
        {tabs.length > 0 && <Tabs label="History" tabs={tabs} />}
      </div>
      <ReasonDialog
        open={confirming}
        title={action === 'block' ? 'Block this user?' : 'Unblock this user?'}
        description={
          action === 'block'
            ? `${data.full_name} is signed out everywhere and cannot log in or order until unblocked.`
            : `${data.full_name} can log in again (or must first confirm an unverified email or phone).`
        }
        confirmLabel={action === 'block' ? 'Block' : 'Unblock'}
        tone={action === 'block' ? 'danger' : 'primary'}
        onClose={() => setConfirming(false)}
        onSubmit={async (reason) => {
          await changeStatus.mutateAsync({ id, action, reason });
          notify('success', `${data.full_name} was ${action === 'block' ? 'blocked' : 'unblocked'}.`);
        }}
      />
    </>
  );
}
