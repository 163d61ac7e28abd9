import { useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { useNotify } from '@/hooks/useNotify';

interface ExportButtonProps {
  /** Fetches and saves the file; a failure is shown as a toast. */
  download: () => Promise<void>;
  disabled?: boolean;
  label?: string;
}

export function ExportButton({ download, disabled, label = 'Export CSV' }: ExportButtonProps) {
  const [busy, setBusy] = useState(false);
  const { notifyError } = useNotify();
  return (
    <ActionButton
      variant="secondary"
      icon="download"
      loading={busy}
      disabled={disabled}
      onClick={() => {
        setBusy(true);
        download()
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </ActionButton>
  );
}
