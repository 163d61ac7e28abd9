import { ActionButton } from '@/components/common/ActionButton/ActionButton';

const number = new Intl.NumberFormat();

interface ListSummaryProps {
  total: number | undefined;
  filtered: boolean;
  onClear: () => void;
  /** What the list holds: singular and plural. */
  noun: readonly [string, string];
  /** False when the total is PostgreSQL's estimate (above 10,000 matches). */
  exact?: boolean;
}

/** "1,204 orders match the filters" and the way back to everything. */
export function ListSummary({ total, filtered, onClear, noun, exact = true }: ListSummaryProps) {
  return (
    <>
      {total !== undefined && (
        <span>
          {exact ? '' : 'About '}
          {number.format(total)} {total === 1 ? noun[0] : noun[1]}
          {filtered ? (total === 1 ? ' matches the filters' : ' match the filters') : ''}
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
