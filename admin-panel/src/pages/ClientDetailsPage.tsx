import { useParams } from 'react-router';
import { ClientFacts } from '@/components/clients/ClientFacts';
import { CLIENT_TONES } from '@/components/clients/clientStatus';
import { useClientActions } from '@/components/clients/useClientActions';
import { Card } from '@/components/common/Card/Card';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useClient } from '@/services/clients';

/**
 * One reseller client: its plan, monthly limit and usage, and the list's actions. The API cannot
 * filter orders by client, so there is no orders tab.
 */
export default function ClientDetailsPage() {
  const id = Number(useParams().id);
  const client = useClient(id);
  const { buttons, dialogs } = useClientActions();
  useDocumentTitle(client.data?.client_name ?? 'Client');

  const back = <BackLink list="/clients">Back to clients</BackLink>;
  if (client.isPending) {
    return (
      <>
        {back}
        <LoadingSpinner label="Loading client…" />
      </>
    );
  }
  if (client.isError) {
    return (
      <>
        {back}
        <ErrorState error={client.error} onRetry={() => void client.refetch()} />
      </>
    );
  }

  const data = client.data;
  return (
    <>
      {back}
      <PageHeader
        title={data.client_name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <ValueBadge value={data.status} tones={CLIENT_TONES} />
            <span className="break-all">{data.client_email}</span>
          </span>
        }
        actions={buttons(data)}
      />
      <Card title="Client details" className="min-w-0">
        <ClientFacts client={data} />
      </Card>
      {dialogs}
    </>
  );
}
