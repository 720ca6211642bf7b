'use client';

// One EventSource per tab on /api/events. `cells` deltas patch the overview
// held in the query cache (no re-fetch); a delta that does not follow the
// version held re-fetches it once. `change` events re-fetch only the other
// release queries they concern. While the stream is down the queries poll
// instead (the browser reconnects the stream on its own).
import { useQueryClient, type Query } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import { queryKeys } from '@/components/query/query-keys';
import { cn } from '@/components/ui/cn';
import type { TOverview, TOverviewDelta, TReleaseChange } from '@/lib/release-view';
import { applyDelta, changeTouches } from '@/lib/release-view/apply-delta';

type TMode = 'connecting' | 'live' | 'polling';

const POLL_MS = 10_000;
const LiveContext = createContext<TMode>('polling');

// Query keys: ['releases', 'environment', env] or ['releases', 'detail'|'history', env, cluster, release].
function concerns(query: Query, change: TReleaseChange): boolean {
  const [, what, , cluster, release] = query.queryKey as string[];
  if (what === 'matrix') return false; // patched by `cells`
  if (what === 'detail' || what === 'history')
    return changeTouches(change, cluster ?? '', release ?? '');
  return true;
}

export function LiveUpdates({ children }: { children: React.ReactNode }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<TMode>('connecting');
  useEffect(() => {
    const source = new EventSource('/api/events');
    source.addEventListener('ready', () => {
      setMode('live');
      // Anything may have changed while the stream was down.
      void client.invalidateQueries({ queryKey: queryKeys.releases.all() });
    });
    source.addEventListener('cells', (e) => {
      const delta = JSON.parse((e as MessageEvent<string>).data) as TOverviewDelta;
      const key = queryKeys.releases.matrix();
      const next = applyDelta(client.getQueryData<TOverview>(key), delta);
      if (next) client.setQueryData(key, next);
      else void client.invalidateQueries({ queryKey: key });
    });
    source.addEventListener('change', (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as TReleaseChange;
      void client.invalidateQueries({
        queryKey: queryKeys.releases.all(),
        predicate: (q) => concerns(q, change),
      });
    });
    source.onerror = () => setMode('polling');
    return () => source.close();
  }, [client]);
  return <LiveContext.Provider value={mode}>{children}</LiveContext.Provider>;
}

/** Refetch interval for release queries: none while the stream is live. */
export function useRefetchInterval(): number | false {
  return useContext(LiveContext) === 'live' ? false : POLL_MS;
}

export function LiveIndicator({ updatedAt }: { updatedAt?: number }) {
  const mode = useContext(LiveContext);
  const label =
    mode === 'live'
      ? 'Live'
      : mode === 'connecting'
        ? 'Connecting…'
        : `Polling every ${POLL_MS / 1000} s`;
  return (
    <span
      data-testid="live-indicator"
      title={updatedAt ? `Updated ${new Date(updatedAt).toLocaleTimeString()}` : undefined}
      className="inline-flex items-center gap-1.5 text-xs text-slate-500"
    >
      <span
        aria-hidden
        className={cn(
          'size-2 rounded-full',
          mode === 'live'
            ? 'animate-pulse bg-emerald-500'
            : mode === 'connecting'
              ? 'bg-slate-300'
              : 'bg-amber-400',
        )}
      />
      {label}
    </span>
  );
}
