import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { SettingsGroupCard } from '@/components/settings/system/SettingsGroupCard';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

const LABELS = { tax_rate: 'Tax rate (%)', delivery_fee: 'Delivery fee', service_charge: 'Service charge' };

export default function PricingSettingsPage() {
  useDocumentTitle('Pricing');
  return (
    <>
      <PageHeader title="Pricing" description="Fees and tax added to new orders; orders already placed keep theirs." />
      <SettingsGroupCard group="pricing" title="Fees and tax" labels={LABELS} />
    </>
  );
}
