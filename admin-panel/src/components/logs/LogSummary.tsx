import { ActionButton } from '@/components/common/ActionButton/ActionButton';

const number = new Intl.NumberFormat();

interface LogSummaryProps {
  total: number | undefined;
  filtered: boolean;
  onClear: () => void;
}

export function LogSummary({ total, filtered, onClear }: LogSummaryProps) {
  return (
    <>
      {total !== undefined && (
        <span>
          {number.format(total)} {total === 1 ? 'entry' : 'entries'}
          {filtered ? ' match the filters' : ''}
        </span>
      )}
      {filtered && (
        <ActionButton variant="ghost" size="sm" icon="close" onClick={onClear}>
          Clear filters
        </ActionButton>
      )}
    </>
  );
}
