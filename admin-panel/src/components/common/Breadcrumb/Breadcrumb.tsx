import { Link, useLocation } from 'react-router';
import { Icon } from '@/components/common/Icon/Icon';
import { CRUMBS, SECTION_ONLY } from '@/components/common/Sidebar/navigation';

export function Breadcrumb() {
  const { pathname } = useLocation();
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const trail = parts
    .map((_, index) => `/${parts.slice(0, index + 1).join('/')}`)
    .filter((path) => CRUMBS[path]);
  if (trail.length === 0 || (trail.length === 1 && trail[0] === '/dashboard')) return null;

  return (
    <nav aria-label="Breadcrumb" className="mb-4">
      <ol className="flex flex-wrap items-center gap-1.5 text-sm text-slate-500 dark:text-slate-400">
        <li>
          <Link to="/dashboard" className="rounded hover:text-slate-900 dark:hover:text-white">
            <Icon name="home" className="size-4" label="Dashboard" />
          </Link>
        </li>
        {trail.map((path) => {
          // A record's page (`/resellers/12`) has no crumb of its own: its list stays a link.
          const current = path === `/${parts.join('/')}`;
          return (
            <li key={path} className="flex items-center gap-1.5">
              <Icon name="chevronRight" className="size-3.5 text-slate-400 dark:text-slate-600" />
              {current ? (
                <span aria-current="page" className="font-medium text-slate-700 dark:text-slate-200">
                  {CRUMBS[path]}
                </span>
              ) : SECTION_ONLY.has(path) ? (
                <span>{CRUMBS[path]}</span>
              ) : (
                <Link to={path} className="hover:text-slate-900 dark:hover:text-white">
                  {CRUMBS[path]}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
