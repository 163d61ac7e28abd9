import { useId, useState } from 'react';
import { describeError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useNotify } from '@/hooks/useNotify';
import {
  downloadImportTemplate,
  rejectedReport,
  useBulkJob,
  useImportFile,
  type BulkJob,
  type ImportReport,
  type ImportResource,
} from '@/services/dataTransfer';
import { inputClass } from '@/utils/styles';
import { JobProgress } from './JobProgress';

const ACCEPT = '.csv,.json,.xlsx,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function ReportErrors({ report }: { report: ImportReport }) {
  return (
    <div className="space-y-2">
      <FormAlert>
        {plural(report.error_count, 'error')} in {plural(report.rows, 'row')}: fix the file and check it again. Nothing was imported.
        {report.errors.length < report.error_count && ` The first ${report.errors.length} are listed.`}
      </FormAlert>
      <div className="max-h-64 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Errors in the file</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500 uppercase dark:bg-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">Row</th>
              <th scope="col" className="px-3 py-2">Column</th>
              <th scope="col" className="px-3 py-2">Problem</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {report.errors.map((error, index) => (
              <tr key={index}>
                <td className="px-3 py-2 tabular-nums">{error.row}</td>
                <td className="px-3 py-2 font-mono text-xs">{error.field ?? '(whole row)'}</td>
                <td className="px-3 py-2">{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface ImportDialogProps {
  resource: ImportResource;
  /** Plural, lower case: "resellers". */
  noun: string;
  onClose: () => void;
}

/**
 * Import from a file in two steps: a dry run lists every bad row by number and writes nothing;
 * once the file is clean, the real run writes every row (or, if one fails after all, none).
 * A file too large for one request runs as a bulk job instead: its progress is shown, and a file
 * of every row's outcome once it ends (a real run keeps the good rows).
 */
export function ImportDialog({ resource, noun, onClose }: ImportDialogProps) {
  const formId = useId();
  const importFile = useImportFile(resource);
  const { notify, notifyError } = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [started, setStarted] = useState<BulkJob | null>(null);
  const tracked = useBulkJob(started, resource);
  const job = tracked.job;
  const jobChecked = job?.status === 'completed' && job.options.dry_run === true && job.failed === 0;
  const checked = (jobChecked || (report?.dry_run === true && report.error_count === 0 && report.rows > 0)) && file !== null;
  const rows = job?.total_rows ?? report?.rows ?? 0;
  const importing = job?.options.dry_run === false;

  async function run(dryRun: boolean) {
    setFailure(null);
    if (!file) {
      setFileError('Choose a file to import.');
      return;
    }
    try {
      const { report: answer, job: background } = await importFile.mutateAsync({ file, dryRun });
      setStarted(background ?? null);
      if (background) return;
      if (dryRun) {
        setReport(answer);
        return;
      }
      notify('success', `${plural(answer.created, 'row')} imported into ${noun}.`);
      onClose();
    } catch (error) {
      const rejected = rejectedReport(error);
      if (rejected) setReport(rejected);
      else setFailure(describeError(error));
    }
  }

  const busy = importFile.isPending;
  return (
    <Modal
      open
      size="lg"
      onClose={busy ? () => undefined : onClose}
      title={`Import ${noun}`}
      description="A CSV (UTF-8), JSON or XLSX file with the template's columns. It is checked first; nothing is written until every row passes."
      footer={
        <>
          <ActionButton variant="secondary" onClick={onClose} disabled={busy}>
            {importing ? 'Close' : 'Cancel'}
          </ActionButton>
          {importing ? null : checked ? (
            <ActionButton onClick={() => void run(false)} loading={busy} icon="check">
              Import {plural(rows, 'row')}
            </ActionButton>
          ) : (
            <ActionButton type="submit" form={formId} loading={busy} icon="search">
              Check file
            </ActionButton>
          )}
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
        className="space-y-4"
      >
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Start from the template:{' '}
          <button
            type="button"
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
            onClick={() => void downloadImportTemplate(resource, 'csv').catch(notifyError)}
          >
            CSV template
          </button>{' '}
          ·{' '}
          <button
            type="button"
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
            onClick={() => void downloadImportTemplate(resource, 'xlsx').catch(notifyError)}
          >
            XLSX template
          </button>
        </p>
        {failure && <FormAlert>{failure}</FormAlert>}
        <FormField id={`${formId}-file`} label="File" error={fileError ?? undefined} required>
          <input
            type="file"
            accept={ACCEPT}
            data-autofocus
            className={inputClass}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
              setReport(null);
              setStarted(null);
              setFailure(null);
            }}
          />
        </FormField>
        {report && report.error_count > 0 && <ReportErrors report={report} />}
        {report?.rows === 0 && <FormAlert tone="warning">The file has no rows under its header.</FormAlert>}
        {job && <JobProgress job={job} active={tracked.active} />}
        {checked && !job && (
          <FormAlert tone="success">
            All {plural(rows, 'row')} passed the checks. Import them to create {noun}.
          </FormAlert>
        )}
      </form>
    </Modal>
  );
}
