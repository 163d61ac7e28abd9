import { useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { DataTable } from '@/components/common/DataTable/DataTable';
import type { Column } from '@/components/common/DataTable/types';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ExportButton } from '@/components/logs/ExportButton';
import { LogFilters } from '@/components/logs/LogFilters';
import { LogSummary } from '@/components/logs/LogSummary';
import { useLogFilters } from '@/components/logs/useLogFilters';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import type { useActivityLog } from '@/services/logs';

type LogQuery = Parameters<typeof useActivityLog>[0];
type SetFilters = ReturnType<typeof useLogFilters>['list']['setFilters'];

interface LogPageProps<Row extends { id: number }> {
  kind: 'activity' | 'audit';
  title: string;
  description: string;
  emptyTitle: string;
  useLog: (query: LogQuery, enabled: boolean) => UseQueryResult<{ items: Row[]; total: number }>;
  makeColumns: (filter: SetFilters) => Column<Row>[];
}

/** One screen for both logs: filters in the URL, a server-paged table, CSV export. */
export function LogPage<Row extends { id: number }>({
  kind,
  title,
  description,
  emptyTitle,
  useLog,
  makeColumns,
}: LogPageProps<Row>) {
  useDocumentTitle(title);
  const { names, list, problems, valid, apiFilters, query } = useLogFilters(kind);
  const log = useLog(query, valid);
  const columns = useMemo(() => makeColumns(list.setFilters), [makeColumns, list.setFilters]);

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={<ExportButton kind={kind} filters={apiFilters} disabled={!valid} />}
      />
      <DataTable
        tableId={`${kind}-log`}
        caption={title}
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
        emptyTitle={emptyTitle}
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
