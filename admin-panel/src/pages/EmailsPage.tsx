import { useNavigate } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { CAMPAIGN_COLUMNS } from '@/components/emails/campaignColumns';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useCampaigns } from '@/services/emails';

export default function EmailsPage() {
  useDocumentTitle('Custom emails');
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Custom emails"
        description="Emails written here and sent to a person or a segment, with their progress."
        actions={
          <ActionButton icon="plus" onClick={() => void navigate('/emails/new')}>
            Compose
          </ActionButton>
        }
      />
      <RelatedTable
        tableId="email-campaigns"
        caption="Sent emails"
        columns={CAMPAIGN_COLUMNS}
        useRows={useCampaigns}
        getRowId={(row) => row.id}
        noun={['email', 'emails']}
        emptyTitle="No emails sent yet"
      />
    </>
  );
}
