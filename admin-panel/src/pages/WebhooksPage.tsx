import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ActionMenu } from '@/components/common/ActionMenu/ActionMenu';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ENDPOINT_COLUMNS } from '@/components/settings/webhooks/webhookColumns';
import { WebhookDialogs, type WebhookIntent } from '@/components/settings/webhooks/WebhookDialogs';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useWebhookEndpoints, type WebhookEndpoint } from '@/services/webhooks';

export default function WebhooksPage() {
  useDocumentTitle('Webhooks');
  const navigate = useNavigate();
  const [pending, setPending] = useState<{ endpoint?: WebhookEndpoint; intent: WebhookIntent } | null>(null);

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints that hear about orders, payments and refunds as they happen."
        actions={
          <ActionButton icon="plus" onClick={() => setPending({ intent: 'create' })}>
            Add endpoint
          </ActionButton>
        }
      />
      <RelatedTable
        tableId="webhook-endpoints"
        caption="Webhook endpoints"
        columns={ENDPOINT_COLUMNS}
        useRows={useWebhookEndpoints}
        getRowId={(row) => row.id}
        noun={['endpoint', 'endpoints']}
        emptyTitle="No webhook endpoints yet"
        rowActions={(row) => (
          <ActionMenu
            label={`Actions for ${row.url}`}
            actions={[
              { label: 'Delivery log', icon: 'eye', onSelect: () => void navigate(`/settings/webhooks/${row.id}`) },
              { label: 'Edit', icon: 'edit', onSelect: () => setPending({ endpoint: row, intent: 'edit' }) },
              { label: 'Send test ping', icon: 'activity', onSelect: () => setPending({ endpoint: row, intent: 'ping' }) },
              { label: 'Delete', icon: 'trash', tone: 'danger', onSelect: () => setPending({ endpoint: row, intent: 'delete' }) },
            ]}
          />
        )}
      />
      {pending && <WebhookDialogs endpoint={pending.endpoint} intent={pending.intent} onClose={() => setPending(null)} />}
    </>
  );
}
