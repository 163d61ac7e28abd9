import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { auditColumns } from '@/components/logs/auditColumns';
import { useAuditLog } from '@/services/logs';

/**
 * The audit trail of one reseller: edits, status changes with their reasons. Clicking a value
 * opens the full audit log filtered by it, this reseller included.
 */
export function ResellerActivity({ resellerId }: { resellerId: number }) {
  const navigate = useNavigate();
  const entity = { entity_type: 'reseller', entity_id: String(resellerId) };
  const columns = useMemo(
    () =>
      auditColumns((changes) => {
        const query = new URLSearchParams({ ...entity, ...(changes as Record<string, string>) });
        void navigate(`/logs/audit?${query.toString()}`);
      })
        .filter((column) => column.id !== 'entity')
        .map((column) => (column.id === 'reason' ? { ...column, defaultHidden: false } : column)),
    // `entity` is rebuilt from resellerId on every render.
    [navigate, resellerId],
  );
  return (
    <RelatedTable
      tableId="reseller-activity"
      caption="Changes to this reseller"
      columns={columns}
      useRows={(paging) => useAuditLog({ ...entity, ...paging })}
      getRowId={(row) => row.id}
      noun={['change', 'changes']}
      emptyTitle="No changes recorded yet"
    />
  );
}
