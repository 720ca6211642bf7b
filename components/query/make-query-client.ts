import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';

/** One factory for the server prefetch and the browser, so both use the same defaults. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data prefetched on the server is fresh for a while: no refetch right after hydration.
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: 1,
      },
      dehydrate: {
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
    },
  });
}
