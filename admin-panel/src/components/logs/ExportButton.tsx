import { useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { useNotify } from '@/hooks/useNotify';
import { downloadLogCsv, type LogKind, type LogQuery } from '@/services/logs';

export function ExportButton({ kind, filters, disabled }: { kind: LogKind; filters: LogQuery; disabled?: boolean }) {
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
        downloadLogCsv(kind, filters)
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      Export CSV
    </ActionButton>
  );
}
