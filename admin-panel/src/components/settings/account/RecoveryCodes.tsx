import { useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { checkboxClass } from '@/utils/styles';

interface RecoveryCodesProps {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}

/** Shown once, right after 2FA is turned on: the server keeps only their hashes. */
export function RecoveryCodes({ codes, onDone, doneLabel = 'Done' }: RecoveryCodesProps) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');

  function download() {
    const url = URL.createObjectURL(new Blob([`simdesk recovery codes\n\n${text}\n`], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: 'simdesk-recovery-codes.txt' });
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-4">
      <FormAlert tone="warning">
        <p className="font-medium">Save these recovery codes now — they are shown only once.</p>
        <p className="mt-1">Each code signs you in once if you lose your phone. Keep them somewhere safe.</p>
      </FormAlert>
      <ol
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-2 rounded-lg bg-slate-50 p-4 font-mono text-sm text-slate-800 ring-1 ring-slate-200 sm:grid-cols-5 dark:bg-slate-950 dark:text-slate-200 dark:ring-slate-800"
      >
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <ActionButton
          variant="secondary"
          size="sm"
          icon={copied ? 'check' : 'copy'}
          onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </ActionButton>
        <ActionButton variant="secondary" size="sm" icon="download" onClick={download}>
          Download
        </ActionButton>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
        <input type="checkbox" className={checkboxClass} checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        I have saved my recovery codes
      </label>
      <ActionButton onClick={onDone} disabled={!saved}>
        {doneLabel}
      </ActionButton>
    </div>
  );
}
