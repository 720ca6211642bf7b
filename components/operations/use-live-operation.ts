'use client';

// Keeps an operation's detail live: server-sent events from
// /api/operations/{id}/stream, or polling of /api/v1/operations/{id} while the
// stream is down. Log lines are appended; everything else is replaced.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TOperationDetail } from '@/lib/operations/read-operations';
import { isActive } from '@/lib/operations/operation-view';
import { queryKeys } from '@/components/query/query-keys';
import { fetchJson } from '@/components/releases/fetch-json';
import { useOperationDetail } from './queries';

export type TLiveMode = 'live' | 'polling' | 'done';
const POLL_MS = 2_000;

function merge(old: TOperationDetail, next: TOperationDetail): TOperationDetail {
  const last = old.logs.at(-1)?.id ?? 0;
  return { ...next, logs: [...old.logs, ...next.logs.filter((l) => l.id > last)] };
}

export function useLiveOperation(initial: TOperationDetail) {
  const id = initial.operation.id;
  const client = useQueryClient();
  const query = useOperationDetail(id, initial);
  const [mode, setMode] = useState<TLiveMode>(isActive(initial.operation.state) ? 'live' : 'done');
  useEffect(() => {
    if (!isActive(initial.operation.state)) return;
    const key = queryKeys.operations.detail(id);
    const apply = (next: TOperationDetail) => {
      client.setQueryData<TOperationDetail>(key, (old) => (old ? merge(old, next) : next));
      // Workload readiness on this page comes from the release read model.
      void client.invalidateQueries({ queryKey: queryKeys.releases.all() });
      if (!isActive(next.operation.state)) setMode('done');
    };
    const lastId = () => client.getQueryData<TOperationDetail>(key)?.logs.at(-1)?.id ?? 0;
    let poll: ReturnType<typeof setInterval> | undefined;
    let source: EventSource | undefined;
    const startPolling = () => {
      if (poll) return;
      setMode('polling');
      poll = setInterval(() => {
        fetchJson<TOperationDetail>(`/api/v1/operations/${id}?afterLogId=${lastId()}`)
          .then((d) => {
            apply(d);
            if (!isActive(d.operation.state)) clearInterval(poll);
          })
          .catch(() => undefined);
      }, POLL_MS);
    };
    if (typeof EventSource === 'undefined') startPolling();
    else {
      source = new EventSource(`/api/operations/${id}/stream?afterLogId=${lastId()}`);
      source.addEventListener('update', (e) =>
        apply(JSON.parse((e as MessageEvent<string>).data) as TOperationDetail),
      );
      source.addEventListener('done', () => source?.close());
      source.onerror = () => {
        source?.close();
        const state = client.getQueryData<TOperationDetail>(key)?.operation.state;
        if (state && isActive(state)) startPolling();
      };
    }
    return () => {
      source?.close();
      if (poll) clearInterval(poll);
    };
  }, [id, client, initial.operation.state]);
  return { detail: query.data, mode };
}
