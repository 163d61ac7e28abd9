import { Icon } from '@/components/common/Icon/Icon';
import { GlobalSearch } from '@/components/search/GlobalSearch';
import { ThemeToggle } from '@/components/common/ThemeToggle/ThemeToggle';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useUpdateProfile } from '@/services/account';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

export function Header({ onOpenNavigation }: { onOpenNavigation: () => void }) {
  const { user, logout, can } = useAuth();
  const { notifyError } = useNotify();
  const saveProfile = useUpdateProfile();

  return (
    <header className="sticky top-0 z-30 flex h-16 items-center gap-3 border-b border-slate-200 bg-white/85 px-4 backdrop-blur sm:px-6 dark:border-slate-800 dark:bg-slate-900/85">
      <button
        type="button"
        onClick={onOpenNavigation}
        aria-controls="mobile-navigation"
        className="-ml-1 rounded-lg p-2 text-slate-600 hover:bg-slate-100 lg:hidden dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <Icon name="menu" label="Open navigation" />
      </button>
      {user && can('search:read') ? <GlobalSearch /> : <div className="flex-1" />}
      <div className="hidden flex-1 sm:block" />
      <ThemeToggle
        onChange={(theme) =>
          saveProfile.mutate({ preferences: { theme } }, { onError: notifyError })
        }
      />
      {user && can('notifications:read') && <NotificationBell />}
      {user && (
        <UserMenu
          user={user}
          onLogout={() => void logout()}
        />
      )}
    </header>
  );
}
