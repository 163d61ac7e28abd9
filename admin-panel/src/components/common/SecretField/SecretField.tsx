import { useId, useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { inputClass } from '@/utils/styles';

/** A secret the API shows once (a signing secret, a key): read-only, selectable, with Copy. */
export function SecretField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): it can still be selected.
      setCopied('failed');
    }
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
          className={`${inputClass} font-mono`}
          data-autofocus
        />
        <ActionButton variant="secondary" icon={copied === 'yes' ? 'check' : 'copy'} onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </ActionButton>
      </div>
      <p role="status" className="text-xs text-slate-500 dark:text-slate-400">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Copying is not allowed here: select it and copy it yourself.'}
      </p>
    </div>
  );
}
