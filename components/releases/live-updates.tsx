'use client';

// One EventSource per tab on /api/events: a release change invalidates the
// release queries so open pages refetch. While the stream is down the
// queries poll instead (the browser reconnects the stream on its own).
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import { queryKeys } from '@/components/query/query-keys';
import { cn } from '@/components/ui/cn';

type TMode = 'connecting' | 'live' | 'polling';

const POLL_MS = 10_000;
const LiveContext = createContext<TMode>('polling');

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
    source.addEventListener('change', () => {
      void client.invalidateQueries({ queryKey: queryKeys.releases.all() });
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
