import { activityColumns } from '@/components/logs/activityColumns';
import { LogPage } from '@/components/logs/LogPage';
import { useActivityLog } from '@/services/logs';

export default function ActivityLogPage() {
  return (
    <LogPage
      kind="activity"
      title="Activity log"
      description="Logins, logouts and every change made through the API, newest first."
      emptyTitle="No activity matches"
      useLog={useActivityLog}
      makeColumns={activityColumns}
    />
  );
}
