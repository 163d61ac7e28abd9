import { useAuth } from './useAuth';

/** The rows per page the user chose in My account, 25 until they choose. */
export function usePageSizePreference(): number {
  const { user } = useAuth();
  const value = user?.preferences.page_size;
  return typeof value === 'number' && value >= 10 && value <= 100 ? value : 25;
}
