import { useState } from 'react';
import { ActionMenu } from '@/components/common/ActionMenu/ActionMenu';
import { useNotify } from '@/hooks/useNotify';
import { downloadExport, type ExportFormat, type ExportResource } from '@/services/dataTransfer';

const FORMATS: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['json', 'JSON'],
  ['xlsx', 'Excel (XLSX)'],
];

interface ExportMenuProps {
  resource: ExportResource;
  /** The list's current query: its filters are exported, every matching row. */
  query: Record<string, string | number>;
  noun: string;
}

/** "Export ▾": the list as it is filtered, as CSV, JSON or XLSX. */
export function ExportMenu({ resource, query, noun }: ExportMenuProps) {
  const [busy, setBusy] = useState(false);
  const { notifyError } = useNotify();
  return (
    <ActionMenu
      label={`Export ${noun}`}
      text={{ label: 'Export', icon: 'download', busy }}
      actions={FORMATS.map(([format, label]) => ({
        label,
        onSelect: () => {
          setBusy(true);
          downloadExport(resource, query, format)
            .catch(notifyError)
            .finally(() => setBusy(false));
        },
      }))}
    />
  );
}
