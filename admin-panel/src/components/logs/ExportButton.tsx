import { ExportButton as DownloadButton } from '@/components/common/ExportButton/ExportButton';
import { downloadLogCsv, type LogKind, type LogQuery } from '@/services/logs';

export function ExportButton({ kind, filters, disabled }: { kind: LogKind; filters: LogQuery; disabled?: boolean }) {
  return <DownloadButton download={() => downloadLogCsv(kind, filters)} disabled={disabled} />;
}
