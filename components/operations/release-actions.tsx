'use client';

// What a release manager can do to this release. Rendered only for users
// whom policy allows to act here; the server refuses everyone else anyway.
import Link from 'next/link';
import { useState } from 'react';
import { pipelineHref } from '@/components/promotions/format';
import { isReleaseMissing } from '@/components/releases/fetch-json';
import { useReleaseDetail, useReleaseHistory } from '@/components/releases/queries';
import { Button } from '@/components/ui/button';
import type { TOperationKind } from '@/lib/operations/kinds/names';
import { ConfirmKind } from './release-action-dialogs';
import { useActiveOperation } from './queries';
import type { TTarget } from './target';

export function ReleaseActions({ target }: { target: TTarget }) {
  const { environment, cluster, release } = target;
  const detail = useReleaseDetail(environment, cluster, release);
  const history = useReleaseHistory(environment, cluster, release);
  const active = useActiveOperation(target);
  const [open, setOpen] = useState<TOperationKind | null>(null);
  const d = detail.data;
  const missing = !d && isReleaseMissing(detail.error);
  const pending = d?.status.startsWith('pending-') ?? false;
  const revisions = (history.data?.revisions ?? []).filter((r) => r.revision !== d?.revision);
  const op = active.data;
  return (
    <section
      aria-label="Release actions"
      className="mb-4 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-xs"
    >
      <span className="mr-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Actions
      </span>
      {missing ? (
        <Button size="sm" onClick={() => setOpen('install')}>
          Install
        </Button>
      ) : null}
      {pending ? (
        <Button
          size="sm"
          className="bg-amber-600 hover:bg-amber-500"
          onClick={() => setOpen('recover')}
        >
          Recover ({d?.status})
        </Button>
      ) : null}
      {d && !pending ? (
        <>
          <Button size="sm" onClick={() => setOpen('upgrade')}>
            Upgrade
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={revisions.length === 0}
            onClick={() => setOpen('rollback')}
          >
            Roll back
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setOpen('test')}>
            Run tests
          </Button>
          <Button size="sm" variant="danger" onClick={() => setOpen('uninstall')}>
            Uninstall
          </Button>
        </>
      ) : null}
      <Link
        href={pipelineHref(release)}
        className="text-xs font-medium text-indigo-700 hover:underline"
      >
        Pipeline
      </Link>
      {op ? (
        <Link
          href={`/operations/${op.id}`}
          data-testid="active-operation"
          className="ml-auto inline-flex items-center gap-1.5 rounded-md bg-sky-50 px-2.5 py-1 text-xs font-medium text-sky-800 ring-1 ring-sky-600/20 hover:bg-sky-100"
        >
          <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-sky-500" />
          operation #{op.id} ({op.kind} by {op.requestedBy}) {op.state}
        </Link>
      ) : (
        <Link
          href={`/operations?release=${encodeURIComponent(release)}&environment=${encodeURIComponent(environment)}`}
          className="ml-auto text-xs text-slate-500 hover:text-indigo-600"
        >
          Operations on this release
        </Link>
      )}
      {open ? (
        <ConfirmKind
          kind={open}
          target={target}
          current={d?.revision ?? 0}
          revisions={revisions}
          history={history.data?.revisions}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
