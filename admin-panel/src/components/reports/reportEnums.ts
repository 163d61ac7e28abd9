import type { ReportCadence, ReportFormat, ReportKind, ReportStatus } from '@/services/reports';

function values<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}

export const REPORT_STATUSES = values<ReportStatus>({ queued: true, running: true, completed: true, failed: true, cancelled: true });
export const REPORT_KINDS = values<ReportKind>({
  sales: true,
  revenue: true,
  user_growth: true,
  reseller_performance: true,
  custom: true,
});
export const REPORT_FORMATS = values<ReportFormat>({ csv: true, xlsx: true, pdf: true });
export const CADENCES = values<ReportCadence>({ daily: true, weekly: true });

export const FORMAT_LABELS: Record<ReportFormat, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', pdf: 'PDF' };
