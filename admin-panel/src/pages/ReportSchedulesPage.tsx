import { useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import type { Column } from '@/components/common/DataTable/types';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { FORMAT_LABELS } from '@/components/reports/reportEnums';
import { ScheduleModal } from '@/components/reports/ScheduleModal';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { useNotify } from '@/hooks/useNotify';
import { useDeleteSchedule, useReportSchedules, useSetScheduleActive, type ScheduleRead } from '@/services/reports';
import { humanize } from '@/utils/format';

const NO_FILTERS = [] as const;

const COLUMNS: Column<ScheduleRead>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    alwaysVisible: true,
    cell: (s) => <span className="font-medium text-slate-900 dark:text-white">{s.name}</span>,
  },
  { id: 'kind', header: 'Report', cell: (s) => `${humanize(s.kind)} · ${FORMAT_LABELS[s.format]}` },
  { id: 'cadence', header: 'Every', cell: (s) => (s.cadence === 'daily' ? 'Day' : 'Week (Monday)') },
  { id: 'recipients', header: 'Recipients', cell: (s) => <span className="break-all">{s.recipients.join(', ')}</span> },
  {
    id: 'active',
    header: 'State',
    cell: (s) => <StatusBadge tone={s.active ? 'success' : 'neutral'}>{s.active ? 'Active' : 'Paused'}</StatusBadge>,
  },
];

const scheduleId = (s: ScheduleRead) => s.id;

export default function ReportSchedulesPage() {
  useDocumentTitle('Scheduled reports');
  const state = useListQuery(NO_FILTERS, 25);
  const schedules = useReportSchedules(state.query);
  const setActive = useSetScheduleActive();
  const remove = useDeleteSchedule();
  const { notify, notifyError } = useNotify();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ScheduleRead | null>(null);

  function toggle(schedule: ScheduleRead) {
    setActive.mutate(
      { id: schedule.id, active: !schedule.active },
      {
        onSuccess: (saved) => notify('success', `"${saved.name}" is ${saved.active ? 'resumed' : 'paused'}.`),
        onError: notifyError,
      },
    );
  }

  function confirmDelete() {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notify('success', `"${deleting.name}" is deleted.`);
        setDeleting(null);
      },
      onError: (error) => {
        notifyError(error);
        setDeleting(null);
      },
    });
  }

  return (
    <>
      <PageHeader
        title="Scheduled reports"
        description="Reports emailed every day or every week to the people you choose."
        actions={
          <ActionButton icon="plus" onClick={() => setCreating(true)}>
            New schedule
          </ActionButton>
        }
      />
      <ListTable
        tableId="report-schedules"
        caption="Scheduled reports"
        columns={COLUMNS}
        state={state}
        result={schedules}
        noun={['schedule', 'schedules']}
        getRowId={scheduleId}
        rowActions={(schedule) => (
          <div className="flex justify-end gap-2">
            <ActionButton
              size="sm"
              variant="secondary"
              loading={setActive.isPending && setActive.variables?.id === schedule.id}
              onClick={() => toggle(schedule)}
              aria-label={`${schedule.active ? 'Pause' : 'Resume'} ${schedule.name}`}
            >
              {schedule.active ? 'Pause' : 'Resume'}
            </ActionButton>
            <ActionButton size="sm" variant="ghost" icon="trash" onClick={() => setDeleting(schedule)} aria-label={`Delete ${schedule.name}`}>
              Delete
            </ActionButton>
          </div>
        )}
      />
      {creating && <ScheduleModal onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this schedule?"
        message={`"${deleting?.name ?? ''}" will no longer be emailed. Reports already sent stay with their recipients.`}
        confirmLabel="Delete schedule"
        busy={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
