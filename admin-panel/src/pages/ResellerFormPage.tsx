import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ResellerForm } from '@/components/resellers/ResellerForm';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useNotify } from '@/hooks/useNotify';
import { useReseller } from '@/services/resellers';

/** `/resellers/add` and `/resellers/:id/edit`: one form, empty or filled with the reseller. */
export default function ResellerFormPage() {
  const { id } = useParams();
  return id ? <EditReseller id={Number(id)} /> : <AddReseller />;
}

function AddReseller() {
  useDocumentTitle('Add reseller');
  const navigate = useNavigate();
  const { notify } = useNotify();
  return (
    <>
      <PageHeader title="Add reseller" description="New resellers start as pending until you approve them." />
      <ResellerForm
        onSaved={(reseller) => {
          notify('success', `${reseller.business_name} was added. Approve it to let it order.`);
          void navigate(`/resellers/${reseller.id}`);
        }}
        onCancel={() => void navigate('/resellers')}
      />
    </>
  );
}

function EditReseller({ id }: { id: number }) {
  const reseller = useReseller(id);
  const name = reseller.data?.business_name;
  useDocumentTitle(name ? `Edit ${name}` : 'Edit reseller');
  const navigate = useNavigate();
  const { notify } = useNotify();
  if (reseller.error) return <ErrorState error={reseller.error} onRetry={() => void reseller.refetch()} />;
  if (!reseller.data) return <LoadingSpinner fullPage />;
  return (
    <>
      <PageHeader title={`Edit ${reseller.data.business_name}`} description={reseller.data.email} />
      <ResellerForm
        reseller={reseller.data}
        onSaved={(saved) => {
          notify('success', `${saved.business_name} was saved.`);
          void navigate(`/resellers/${saved.id}`);
        }}
        onCancel={() => void navigate(`/resellers/${id}`)}
      />
    </>
  );
}
