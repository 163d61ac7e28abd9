import { Link } from 'react-router';
import { EmptyState } from '@/components/common/EmptyState/EmptyState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

export default function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <EmptyState
      icon="search"
      title="This page does not exist"
      description="The link may be old, or the page may not be part of the panel yet."
      action={
        <Link to="/dashboard" className="text-sm font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          Back to the dashboard
        </Link>
      }
    />
  );
}
