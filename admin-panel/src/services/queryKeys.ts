/** Every TanStack Query key in one place, so invalidations cannot drift from the queries. */
export const queryKeys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  staff: (params: object) => ['staff', params] as const,
  staffAll: ['staff'] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  logs: (kind: 'activity' | 'audit', params: object) => ['logs', kind, params] as const,
};
