import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { enumOptions, FilterSelect } from '@/components/common/Filters/Filters';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { DELIVERY_COLUMNS } from '@/components/settings/webhooks/webhookColumns';
import { WebhookDialogs, type WebhookIntent } from '@/components/settings/webhooks/WebhookDialogs';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useNotify } from '@/hooks/useNotify';
import { useRetryWebhookDelivery, useWebhookDeliveries, useWebhookEndpoint } from '@/services/webhooks';
import { formatDateTime } from '@/utils/format';

const STATUS_OPTIONS = enumOptions(['pending', 'delivered', 'failed'], 'Any status');

function DeliveryLog({ endpointId }: { endpointId: number }) {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const deliveries = useWebhookDeliveries(endpointId, status, { page, page_size: pageSize });
  const retry = useRetryWebhookDelivery();
  const { notify, notifyError } = useNotify();
  return (
    <DataTable
      tableId="webhook-deliveries"
      caption="Delivery log"
      columns={DELIVERY_COLUMNS}
      rows={deliveries.data?.items}
      getRowId={(row) => row.id}
      total={deliveries.data?.total ?? 0}
      page={page}
      pageSize={pageSize}
      onPageChange={setPage}
      onPageSizeChange={(size) => {
        setPageSize(size);
        setPage(1);
      }}
      loading={deliveries.isPending}
      fetching={deliveries.isFetching}
      error={deliveries.error}
      onRetry={() => void deliveries.refetch()}
      emptyTitle={status ? `No ${status} deliveries` : 'Nothing sent yet'}
      emptyDescription={status ? undefined : 'Send a test ping to see one.'}
      toolbar={
        <div className="w-full sm:w-56">
          <FilterSelect
            label="Status"
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={STATUS_OPTIONS}
          />
        </div>
      }
      summary={
        <ListSummary
          total={deliveries.data?.total}
          filtered={status !== ''}
          onClear={() => setStatus('')}
          noun={['delivery', 'deliveries']}
        />
      }
      rowActions={(row) =>
        row.status === 'failed' && (
          <ActionButton
            size="sm"
            variant="secondary"
            icon="refund"
            loading={retry.isPending && retry.variables.deliveryId === row.id}
            onClick={() =>
              retry.mutate(
                { endpointId, deliveryId: row.id },
                { onSuccess: () => notify('success', `Retrying the ${row.event_type} delivery.`), onError: notifyError },
              )
            }
          >
            Retry
          </ActionButton>
        )
      }
    />
  );
}

export default function WebhookDetailsPage() {
  const id = Number(useParams().id);
  const endpoint = useWebhookEndpoint(id);
  useDocumentTitle('Webhook endpoint');
  const navigate = useNavigate();
  const [intent, setIntent] = useState<WebhookIntent | null>(null);

  if (endpoint.error) return <ErrorState error={endpoint.error} onRetry={() => void endpoint.refetch()} />;
  if (!endpoint.data) return <LoadingSpinner fullPage />;
  const data = endpoint.data;

  return (
    <>
      <BackLink list="/settings/webhooks">Back to webhooks</BackLink>
      <PageHeader
        title={data.description || 'Webhook endpoint'}
        description={<span className="break-all">{data.url}</span>}
        actions={
          <>
            <ActionButton icon="activity" onClick={() => setIntent('ping')}>
              Send test ping
            </ActionButton>
            <ActionButton variant="secondary" icon="edit" onClick={() => setIntent('edit')}>
              Edit
            </ActionButton>
            <ActionButton variant="secondary" icon="trash" onClick={() => setIntent('delete')}>
              Delete
            </ActionButton>
          </>
        }
      />
      <div className="space-y-6">
        <Card id="webhook-endpoint" title="Endpoint">
          <FactList>
            <Fact label="State">
              <StatusBadge tone={data.is_active ? 'success' : 'neutral'}>{data.is_active ? 'Active' : 'Paused'}</StatusBadge>
            </Fact>
            <Fact label="Events">{data.event_types.join(', ')}</Fact>
            <Fact label="Signing secret">
              <code className="text-xs">{data.secret_prefix}…</code> (shown in full only when it was added)
            </Fact>
            <Fact label="Added">{formatDateTime(data.created_at)}</Fact>
          </FactList>
        </Card>
        <DeliveryLog endpointId={id} />
      </div>
      {intent && (
        <WebhookDialogs
          endpoint={data}
          intent={intent}
          onClose={() => setIntent(null)}
          onDeleted={() => void navigate('/settings/webhooks', { replace: true })}
        />
      )}
    </>
  );
}
