import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { SettingsGroupCard } from '@/components/settings/system/SettingsGroupCard';
import { TemplateList } from '@/components/settings/system/TemplateList';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

const LABELS = {
  email_enabled: 'Email notifications',
  sms_enabled: 'SMS notifications',
  order_updates: 'Order status updates',
  low_stock_alerts: 'Low stock alerts',
};

export default function NotificationSettingsPage() {
  useDocumentTitle('Notifications');
  return (
    <>
      <PageHeader title="Notifications" description="What is sent to customers and staff, and the words it uses." />
      <div className="space-y-6">
        <SettingsGroupCard group="notifications" title="Preferences" labels={LABELS} />
        <TemplateList />
      </div>
    </>
  );
}
