import { FormAlert } from '@/components/common/FormField/FormAlert';
import { useNotify } from '@/hooks/useNotify';
import { downloadJobResult, type BulkJob } from '@/services/dataTransfer';

/** How far a bulk job (a file too large to answer at once) got, and its file of every row's outcome. */
export function JobProgress({ job, active }: { job: BulkJob; active: boolean }) {
  const { notifyError } = useNotify();
  const { total_rows: total, processed_rows: processed } = job;
  const dryRun = job.options.dry_run === true;
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label="Rows done"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={processed}
        aria-valuetext={`${processed} of ${total} rows`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-all dark:bg-indigo-400" style={{ width: `${job.progress_percent}%` }} />
      </div>
      {active ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          A large file runs in the background: {processed} of {total} rows {dryRun ? 'checked' : 'done'}, {job.failed} failed.
        </p>
      ) : (
        <FormAlert tone={job.status === 'completed' && job.failed === 0 ? 'success' : 'warning'}>
          {job.status === 'completed'
            ? `${job.succeeded} of ${total} rows ${dryRun ? 'passed the checks' : 'imported'}, ${job.failed} failed.`
            : `The job ${job.status} after ${processed} of ${total} rows. ${job.error}`.trim()}{' '}
          {job.result_url && (
            <button
              type="button"
              className="font-medium underline"
              onClick={() => void downloadJobResult(job).catch(notifyError)}
            >
              Download every row's outcome
            </button>
          )}
        </FormAlert>
      )}
    </div>
  );
}
