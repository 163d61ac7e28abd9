import { Icon } from '@/components/common/Icon/Icon';
import { useTheme } from '@/hooks/useTheme';
import { cx } from '@/utils/styles';

interface ThemeToggleProps {
  /** Also saves the choice to the signed-in account. */
  onChange?: (theme: 'light' | 'dark') => void;
  className?: string;
}

export function ThemeToggle({ onChange, className }: ThemeToggleProps) {
  const { resolved, setPreference } = useTheme();
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      onClick={() => {
        setPreference(next);
        onChange?.(next);
      }}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      className={cx(
        'rounded-lg p-2 text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white',
        className,
      )}
    >
      <Icon name={resolved === 'dark' ? 'sun' : 'moon'} />
    </button>
  );
}
