import { useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { StatusBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { useNotify } from '@/hooks/useNotify';
import { downloadReport, isActive, useCancelReport, useReportProgress, type ReportRead, type ReportStatus } from '@/services/reports';
import { humanize } from '@/utils/format';

const TONES: Record<ReportStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'warning',
};

/**
 * A report's status, and while it is being made its progress bar (polled) and a cancel button;
 * once completed, its download.
 */
export function ReportState({ job, canCancel }: { job: ReportRead; canCancel: boolean }) {
  const current = useReportProgress(job);
  const cancel = useCancelReport();
  const { notify, notifyError } = useNotify();
  const [downloading, setDownloading] = useState(false);
  const label = `report ${job.id}`;

  async function download() {
    setDownloading(true);
    try {
      await downloadReport(current);
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  }

  function stop() {
    cancel.mutate(job.id, {
      onSuccess: () => notify('success', `Report ${job.id} is being cancelled.`),
      onError: notifyError,
    });
  }

  return (
    <div className="flex min-w-44 flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge tone={TONES[current.status]}>{humanize(current.status)}</StatusBadge>
        {current.status === 'completed' && current.download_url && (
          <ActionButton size="sm" variant="secondary" icon="download" loading={downloading} onClick={() => void download()} aria-label={`Download ${label}`}>
            Download
          </ActionButton>
        )}
        {isActive(current.status) && canCancel && (
          <ActionButton size="sm" variant="ghost" loading={cancel.isPending} onClick={stop} aria-label={`Cancel ${label}`}>
            Cancel
          </ActionButton>
        )}
      </div>
      {isActive(current.status) && (
        <div className="flex items-center gap-2">
          <progress
            max={100}
            value={current.progress_percent}
            aria-label={`Progress of ${label}`}
            className="h-2 w-32 overflow-hidden rounded-full accent-indigo-600"
          />
          <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
            {current.progress_percent}% · {current.rows_processed.toLocaleString()} rows
          </span>
        </div>
      )}
      {current.status === 'failed' && current.error && <p className="text-xs text-red-700 dark:text-red-400">{current.error}</p>}
    </div>
  );
}
