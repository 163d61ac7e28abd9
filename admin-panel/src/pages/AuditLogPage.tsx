import { useMemo } from 'react';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { auditColumns } from '@/components/logs/auditColumns';
import { ExportButton } from '@/components/logs/ExportButton';
import { LogFilters } from '@/components/logs/LogFilters';
import { LogSummary } from '@/components/logs/LogSummary';
import { useLogFilters } from '@/components/logs/useLogFilters';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useAuditLog } from '@/services/logs';

export default function AuditLogPage() {
  useDocumentTitle('Audit log');
  const { names, list, problems, valid, apiFilters, query } = useLogFilters('audit');
  const log = useAuditLog(query, valid);
  const columns = useMemo(() => auditColumns(list.setFilters), [list.setFilters]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Critical changes with their values before and after, newest first."
        actions={<ExportButton kind="audit" filters={apiFilters} disabled={!valid} />}
      />
      <DataTable
        tableId="audit-log"
        caption="Audit log"
        columns={columns}
        rows={log.data?.items}
        getRowId={(row) => row.id}
        total={log.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        loading={log.isPending && valid}
        fetching={log.isFetching}
        error={log.error}
        onRetry={() => void log.refetch()}
        emptyTitle="No changes match"
        emptyDescription="Try a wider date range or fewer filters."
        toolbar={
          <LogFilters
            names={names}
            values={list.filters}
            onChange={list.setFilters}
            problems={problems}
          />
        }
        summary={
          <LogSummary
            total={log.data?.total}
            filtered={names.some((name) => list.filters[name])}
            onClear={list.clearFilters}
          />
        }
      />
    </>
  );
}
