import { useMemo } from 'react';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { activityColumns } from '@/components/logs/activityColumns';
import { ExportButton } from '@/components/logs/ExportButton';
import { LogFilters } from '@/components/logs/LogFilters';
import { LogSummary } from '@/components/logs/LogSummary';
import { useLogFilters } from '@/components/logs/useLogFilters';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useActivityLog } from '@/services/logs';

export default function ActivityLogPage() {
  useDocumentTitle('Activity log');
  const { names, list, problems, valid, apiFilters, query } = useLogFilters('activity');
  const log = useActivityLog(query, valid);
  const columns = useMemo(() => activityColumns(list.setFilters), [list.setFilters]);

  return (
    <>
      <PageHeader
        title="Activity log"
        description="Logins, logouts and every change made through the API, newest first."
        actions={<ExportButton kind="activity" filters={apiFilters} disabled={!valid} />}
      />
      <DataTable
        tableId="activity-log"
        caption="Activity log"
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
        emptyTitle="No activity matches"
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
