// Every TanStack Query key in Helmdeck comes from here, so invalidation and
// prefetching agree on the shape. Never write a key inline.

export const queryKeys = {
  clusters: {
    all: () => ['clusters'] as const,
    reachability: () => [...queryKeys.clusters.all(), 'reachability'] as const,
  },
  /** The release status view; a release change invalidates all of it. */
  releases: {
    all: () => ['releases'] as const,
    matrix: () => [...queryKeys.releases.all(), 'matrix'] as const,
    environment: (environment: string) =>
      [...queryKeys.releases.all(), 'environment', environment] as const,
    detail: (environment: string, cluster: string, release: string) =>
      [...queryKeys.releases.all(), 'detail', environment, cluster, release] as const,
    history: (environment: string, cluster: string, release: string) =>
      [...queryKeys.releases.all(), 'history', environment, cluster, release] as const,
  },
  /** Operations: lists and one operation's live detail. */
  operations: {
    all: () => ['operations'] as const,
    list: (filters: Record<string, string | undefined>) =>
      [...queryKeys.operations.all(), 'list', filters] as const,
    active: (environment: string, cluster: string, release: string) =>
      [...queryKeys.operations.all(), 'active', environment, cluster, release] as const,
    detail: (id: number) => [...queryKeys.operations.all(), 'detail', id] as const,
  },
  /** Promotions: one promotion's live steps, waves and checks. */
  promotions: {
    all: () => ['promotions'] as const,
    detail: (id: number) => [...queryKeys.promotions.all(), 'detail', id] as const,
  },
} as const;
