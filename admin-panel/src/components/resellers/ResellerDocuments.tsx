import { useId, useRef, useState, type FormEvent } from 'react';
import { describeError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { useNotify } from '@/hooks/useNotify';
import { DOCUMENT_TYPES, useResellerDocuments, useUploadDocument, type DocumentType } from '@/services/onboarding';
import { formatDateTime } from '@/utils/format';
import { inputClass } from '@/utils/styles';

const LABELS = Object.fromEntries(DOCUMENT_TYPES) as Record<DocumentType, string>;
const ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,image/gif';

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The reseller's KYB documents, and (with resellers:update) a form to add one. */
export function ResellerDocuments({ resellerId, canUpload }: { resellerId: number; canUpload: boolean }) {
  const documents = useResellerDocuments(resellerId);
  const upload = useUploadDocument(resellerId);
  const { notify } = useNotify();
  const formId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [documentType, setDocumentType] = useState<DocumentType>('business_registration');
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError('Choose a file to upload.');
      return;
    }
    setFileError(null);
    try {
      await upload.mutateAsync({ file, documentType });
      notify('success', `${file.name} was uploaded.`);
      if (fileInput.current) fileInput.current.value = '';
    } catch (error) {
      setFormError(describeError(error));
    }
  }

  return (
    <div className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Documents</h3>
      {documents.isPending ? (
        <LoadingSpinner label="Loading documents…" />
      ) : documents.isError ? (
        <FormAlert>
          Documents could not be loaded: {describeError(documents.error)}{' '}
          <button type="button" className="font-semibold underline" onClick={() => void documents.refetch()}>
            Try again
          </button>
        </FormAlert>
      ) : documents.data.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No documents yet.</p>
      ) : (
        <ul aria-label="Documents" className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {documents.data.map((document) => (
            <li key={document.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="min-w-0">
                <a
                  href={document.file.url}
                  target="_blank"
                  rel="noreferrer"
                  className="font-medium break-all text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {document.file.original_name}
                </a>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {LABELS[document.document_type]} · {size(document.file.size_bytes)}
                </span>
              </span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{formatDateTime(document.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <form onSubmit={(event) => void submit(event)} noValidate aria-label="Upload a document" className="space-y-3">
          {formError && <FormAlert>{formError}</FormAlert>}
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField id={`${formId}-type`} label="Document type">
              <select
                value={documentType}
                onChange={(event) => setDocumentType(event.target.value as DocumentType)}
                className={inputClass}
              >
                {DOCUMENT_TYPES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={`${formId}-file`} label="File" error={fileError ?? undefined} hint="PDF or an image.">
              <input ref={fileInput} type="file" accept={ACCEPT} className={inputClass} />
            </FormField>
          </div>
          <ActionButton type="submit" variant="secondary" icon="plus" loading={upload.isPending}>
            Upload
          </ActionButton>
        </form>
      )}
    </div>
  );
}
