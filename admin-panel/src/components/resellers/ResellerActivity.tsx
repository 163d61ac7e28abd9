import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { auditColumns } from '@/components/logs/auditColumns';
import { useAuth } from '@/hooks/useAuth';
import { useResellerActivity } from '@/services/resellers';

/**
 * The audit trail of one reseller: edits, status changes with their reasons. For those who may
 * read the logs, clicking a value opens the full audit log filtered by it, this reseller included.
 */
export function ResellerActivity({ resellerId }: { resellerId: number }) {
  const navigate = useNavigate();
  const canReadLogs = useAuth().can('logs:read');
  const columns = useMemo(
    () =>
      auditColumns((changes) => {
        if (!canReadLogs) return;
        const query = new URLSearchParams({
          entity_type: 'reseller',
          entity_id: String(resellerId),
          ...(changes as Record<string, string>),
        });
        void navigate(`/logs/audit?${query.toString()}`);
      })
        .filter((column) => column.id !== 'entity')
        .map((column) => (column.id === 'reason' ? { ...column, defaultHidden: false } : column)),
    [navigate, resellerId, canReadLogs],
  );
  return (
    <RelatedTable
      tableId="reseller-activity"
      caption="Changes to this reseller"
      columns={columns}
      useRows={(paging) => useResellerActivity(resellerId, paging)}
      getRowId={(row) => row.id}
      noun={['change', 'changes']}
      emptyTitle="No changes recorded yet"
    />
  );
}
