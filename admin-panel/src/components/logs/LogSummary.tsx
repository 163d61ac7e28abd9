import { ListSummary } from '@/components/common/ListSummary/ListSummary';

interface LogSummaryProps {
  total: number | undefined;
  filtered: boolean;
  onClear: () => void;
}

export function LogSummary(props: LogSummaryProps) {
  return <ListSummary {...props} noun={['entry', 'entries']} />;
}
