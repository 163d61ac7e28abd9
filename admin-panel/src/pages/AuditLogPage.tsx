import { auditColumns } from '@/components/logs/auditColumns';
import { LogPage } from '@/components/logs/LogPage';
import { useAuditLog } from '@/services/logs';

export default function AuditLogPage() {
  return (
    <LogPage
      kind="audit"
      title="Audit log"
      description="Critical changes with their values before and after, newest first."
      emptyTitle="No changes match"
      useLog={useAuditLog}
      makeColumns={auditColumns}
    />
  );
}
