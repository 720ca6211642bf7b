// Every TanStack Query key in Helmdeck comes from here, so invalidation and
// prefetching agree on the shape. Never write a key inline.

export const queryKeys = {
  clusters: {
    all: () => ['clusters'] as const,
    reachability: () => [...queryKeys.clusters.all(), 'reachability'] as const,
  },
} as const;
