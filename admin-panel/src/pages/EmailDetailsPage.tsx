import { useState } from 'react';
import { useParams } from 'react-router';
import { describeError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { audience, CAMPAIGN_TONES, RECIPIENT_COLUMNS } from '@/components/emails/campaignColumns';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useNotify } from '@/hooks/useNotify';
import { useCampaign, useCampaignRecipients, useCancelCampaign, type CampaignDetail } from '@/services/emails';
import { formatDateTime, humanize } from '@/utils/format';

function Progress({ campaign }: { campaign: CampaignDetail }) {
  const sent = campaign.counts.sent ?? 0;
  const total = campaign.recipients_total;
  const percent = total ? Math.round((sent / total) * 100) : 100;
  const parts = ['sent', 'pending', 'cancelled'].map((status) => `${campaign.counts[status] ?? 0} ${status}`);
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label="Sent"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={sent}
        aria-valuetext={`${sent} of ${total} sent`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-all dark:bg-indigo-400" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {sent} of {total} sent · {parts.join(' · ')}
      </p>
    </div>
  );
}

export default function EmailDetailsPage() {
  const id = Number(useParams().id);
  const campaign = useCampaign(id);
  useDocumentTitle(campaign.data?.subject ?? 'Email');
  const cancel = useCancelCampaign(id);
  const { notify } = useNotify();
  const [asking, setAsking] = useState(false);
  const [cancelError, setCancelError] = useState<unknown>(null);
  const sending = campaign.data?.status === 'sending';
  const useRecipients = (paging: { page: number; page_size: number }) => useCampaignRecipients(id, paging, sending);

  if (campaign.error) return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data) return <LoadingSpinner fullPage />;
  const data = campaign.data;

  function close() {
    setAsking(false);
    setCancelError(null);
  }

  return (
    <>
      <BackLink list="/emails">Back to emails</BackLink>
      <PageHeader
        title={data.subject}
        description={audience(data)}
        actions={
          sending && (
            <ActionButton variant="secondary" icon="close" onClick={() => setAsking(true)}>
              Cancel sending
            </ActionButton>
          )
        }
      />
      <div className="space-y-6">
        <Card id="email-progress" title="Progress" actions={
            <span className="self-start sm:self-auto">
              <ValueBadge value={data.status} tones={CAMPAIGN_TONES} />
            </span>
          }>
          <div className="space-y-5">
            <Progress campaign={data} />
            <FactList>
              <Fact label="Started">{formatDateTime(data.created_at)}</Fact>
              <Fact label="Finished">{data.finished_at ? formatDateTime(data.finished_at) : '—'}</Fact>
              {data.step && <Fact label="Workflow step">{humanize(data.step)}</Fact>}
              <Fact label="Message" wide>
                <pre className="max-h-64 overflow-auto rounded-lg bg-slate-50 p-3 font-sans break-words whitespace-pre-wrap dark:bg-slate-800">
                  {data.body}
                </pre>
              </Fact>
            </FactList>
          </div>
        </Card>
        <RelatedTable
          tableId="email-recipients"
          caption="Recipients"
          columns={RECIPIENT_COLUMNS}
          useRows={useRecipients}
          getRowId={(row) => row.id}
          noun={['recipient', 'recipients']}
          emptyTitle="No recipients"
        />
      </div>
      <ConfirmDialog
        open={asking}
        title="Cancel sending?"
        message={
          <div className="space-y-3">
            <p>Recipients not sent to yet are skipped. What was sent stays sent.</p>
            {cancelError !== null && <FormAlert>{describeError(cancelError)}</FormAlert>}
          </div>
        }
        confirmLabel="Cancel sending"
        busy={cancel.isPending}
        onCancel={close}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              notify('success', 'Sending was cancelled.');
              close();
            },
            onError: setCancelError,
          })
        }
      />
    </>
  );
}
