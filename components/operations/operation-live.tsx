'use client';

// The operation page: state, outcome, helm output and workload readiness,
// live until the operation finishes; links to its audit records.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { TOperationDetail } from '@/lib/operations/read-operations';
import { isActive } from '@/lib/operations/operation-view';
import { durationText } from '@/components/releases/format';
import { LiveUpdates } from '@/components/releases/live-updates';
import { useReleaseHistory } from '@/components/releases/queries';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { RunDialog } from './confirm-dialogs';
import { OperationFacts } from './operation-facts';
import { OperationLog } from './operation-log';
import { revisionsCreated } from './revisions-created';
import { OperationStateBadge } from './state-badge';
import { useLiveOperation } from './use-live-operation';
import { WorkloadReadiness } from './workload-readiness';

export function OperationLive({ initial, canAct }: { initial: TOperationDetail; canAct: boolean }) {
  const { detail, mode } = useLiveOperation(initial);
  const [recovering, setRecovering] = useState(false);
  const op = detail.operation;
  const target = { environment: op.environment, cluster: op.cluster, release: op.release };
  const active = isActive(op.state);
  const history = useReleaseHistory(op.environment, op.cluster, op.release);
  const created = history.data ? revisionsCreated(op, history.data.revisions) : undefined;
  const refetchHistory = history.refetch;
  // The revisions an operation creates appear as it runs and when it ends.
  useEffect(() => {
    void refetchHistory();
  }, [op.state, op.revisionAfter, detail.logs.length, refetchHistory]);
  return (
    <div className="space-y-4">
      <section
        aria-label="Operation state"
        className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
      >
        <span data-testid="operation-state">
          <OperationStateBadge state={op.state} />
        </span>
        {active ? <span className="text-sm text-slate-700">{op.progress}</span> : null}
        {detail.rolledBack ? (
          <span data-testid="auto-rollback">
            <StatusBadge tone="warn">
              automatic rollback: helm restored revision {op.revisionBefore ?? '?'}
            </StatusBadge>
          </span>
        ) : null}
        <span className="ml-auto text-xs text-slate-500" data-testid="live-mode">
          {mode === 'live' ? '● live' : mode === 'polling' ? 'polling every 2 s' : 'finished'}
          {op.finishedAt && op.startedAt
            ? ` · took ${durationText(Date.parse(op.finishedAt) - Date.parse(op.startedAt))}`
            : ''}
        </span>
      </section>
      {op.error ? (
        <div
          role="alert"
          data-testid="operation-error"
          className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800"
        >
          {op.error}
        </div>
      ) : null}
      {op.state === 'needs_recovery' ? (
        <div className="flex items-center gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <span>
            The worker stopped while helm was changing the release; it is left in a pending state
            and is never retried automatically.
          </span>
          {canAct ? (
            <Button size="sm" className="ml-auto" onClick={() => setRecovering(true)}>
              Guided recovery…
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel
            title={op.kind === 'test' ? "Test output and the test pods' logs" : 'helm output'}
            aside={`${detail.logs.length} lines`}
          >
            <OperationLog lines={detail.logs} follow={active} />
          </Panel>
          {/* Release change events (workload watches) refresh readiness as pods come and go. */}
          <LiveUpdates>
            <WorkloadReadiness target={target} />
          </LiveUpdates>
        </div>
        <div className="space-y-4">
          <OperationFacts op={op} created={created} />
          <Panel
            title="Audit"
            aside={
              <Link href={`/audit?operationId=${op.id}`} className="hover:text-indigo-600">
                all records
              </Link>
            }
          >
            <ul
              className="divide-y divide-slate-100 text-sm"
              aria-label="Audit records of this operation"
            >
              {detail.audit.map((a) => (
                <li key={a.seq} className="flex items-center gap-2 px-4 py-2">
                  <Link
                    href={`/audit/${a.seq}`}
                    className="font-mono text-xs text-indigo-600 hover:underline"
                  >
                    #{a.seq}
                  </Link>
                  <StatusBadge
                    tone={
                      a.outcome === 'succeeded' ? 'ok' : a.outcome === 'intent' ? 'info' : 'fail'
                    }
                  >
                    {a.outcome}
                  </StatusBadge>
                  <span className="truncate text-xs text-slate-500">{a.actorName ?? a.actor}</span>
                </li>
              ))}
            </ul>
          </Panel>
        </div>
      </div>
      {recovering ? (
        <RunDialog kind="recover" target={target} onClose={() => setRecovering(false)} />
      ) : null}
    </div>
  );
}
