import { Card } from '@/components/common/Card/Card';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ReportForm } from '@/components/reports/ReportForm';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useReportOptions } from '@/services/reports';

export default function CustomReportPage() {
  useDocumentTitle('New report');
  const options = useReportOptions();
  return (
    <>
      <PageHeader
        title="New report"
        description="Pick a report, a period and filters, or build your own from dimensions and metrics."
      />
      <Card>
        {options.error ? (
          <ErrorState error={options.error} onRetry={() => void options.refetch()} />
        ) : options.data ? (
          <ReportForm options={options.data} />
        ) : (
          <LoadingSpinner label="Loading report options…" className="py-8" />
        )}
      </Card>
    </>
  );
}
