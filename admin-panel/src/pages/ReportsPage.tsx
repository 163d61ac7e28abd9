import { useNavigate } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import type { Column } from '@/components/common/DataTable/types';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { enumOptions, FilterGrid, FilterSelect } from '@/components/common/Filters/Filters';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { REPORT_KINDS, REPORT_STATUSES } from '@/components/reports/reportEnums';
import { ReportState } from '@/components/reports/ReportState';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { REPORT_FILTERS, useReportList, type ReportRead } from '@/services/reports';
import { formatDate, formatDateTime, humanize } from '@/utils/format';

const STATUS_OPTIONS = enumOptions(REPORT_STATUSES, 'Any status');
const KIND_OPTIONS = enumOptions(REPORT_KINDS, 'Any kind');
function period(params: Record<string, unknown>): string {
  const from = typeof params.date_from === 'string' ? params.date_from : null;
  const to = typeof params.date_to === 'string' ? params.date_to : null;
  return from && to ? `${formatDate(`${from}T00:00:00`)} – ${formatDate(`${to}T00:00:00`)}` : '—';
}

function columns(canCancel: boolean): Column<ReportRead>[] {
  return [
    {
      id: 'report',
      header: 'Report',
      alwaysVisible: true,
      cell: (job) => (
        <span>
          <span className="font-medium text-slate-900 dark:text-white">
            {humanize(job.kind)} #{job.id}
          </span>
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            {job.format.toUpperCase()} · {period(job.params)}
          </span>
        </span>
      ),
    },
    { id: 'status', header: 'Status', sortable: true, alwaysVisible: true, cell: (job) => <ReportState job={job} canCancel={canCancel} /> },
    { id: 'created_at', header: 'Requested', sortable: true, cell: (job) => formatDateTime(job.created_at) },
    { id: 'completed_at', header: 'Finished', cell: (job) => formatDateTime(job.completed_at) },
  ];
}

const reportId = (job: ReportRead) => job.id;

export default function ReportsPage() {
  useDocumentTitle('Reports');
  const { can } = useAuth();
  const navigate = useNavigate();
  const state = useListQuery(REPORT_FILTERS, 25);
  const reports = useReportList(state.query);
  const filters = state.list.filters;

  return (
    <>
      <PageHeader
        title="Reports"
        description="Sales, revenue and growth reports as CSV, Excel or PDF files. They are made in the background."
        actions={
          <>
            {can('reports:manage') && (
              <ActionButton variant="secondary" onClick={() => void navigate('/reports/schedules')}>
                Scheduled reports
              </ActionButton>
            )}
            {can('reports:create') && (
              <ActionButton icon="plus" onClick={() => void navigate('/reports/custom')}>
                New report
              </ActionButton>
            )}
          </>
        }
      />
      <ListTable
        tableId="reports"
        caption="Reports"
        columns={columns(can('reports:create'))}
        state={state}
        result={reports}
        noun={['report', 'reports']}
        filteredHint="Try another status or kind."
        getRowId={reportId}
        toolbar={
          <FilterGrid>
            <FilterSelect label="Status" value={filters.status} onChange={(status) => state.list.setFilters({ status })} options={STATUS_OPTIONS} />
            <FilterSelect label="Kind" value={filters.kind} onChange={(kind) => state.list.setFilters({ kind })} options={KIND_OPTIONS} />
          </FilterGrid>
        }
      />
    </>
  );
}
