'use client';

// Rollback: the previous revision is picked; the diff current -> target loads
// at once, so confirming is the second click. Any kept revision can be chosen.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CommandError, Dialog } from './dialog';
import { useOperationActions } from './operation-actions';
import { PreviewDiff } from './preview-diff';
import type { TTarget } from './target';
import { useCommand } from './use-command';
import { INPUT } from './values-editor';

export type TRevisionChoice = {
  revision: number;
  status: string;
  chartVersion: string | null;
  imageTag: string | null;
};

export function RollbackDialog({
  target,
  current,
  revisions,
  initial,
  onClose,
}: {
  target: TTarget;
  current: number;
  /** Older revisions, newest first. */
  revisions: TRevisionChoice[];
  initial?: number;
  onClose: () => void;
}) {
  const router = useRouter();
  const [revision, setRevision] = useState<number | undefined>(initial ?? revisions[0]?.revision);
  const actions = useOperationActions();
  const preview = useCommand(actions.preview);
  const submit = useCommand(actions.request);
  const request = { kind: 'rollback' as const, ...target, params: { revision } };
  const runPreview = preview.run;
  useEffect(() => {
    if (revision !== undefined) runPreview(request);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the request changes only with the revision
  }, [revision]);
  return (
    <Dialog
      wide
      title={`Roll back ${target.release} in ${target.environment}/${target.cluster}`}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={revision === undefined || submit.pending || !preview.data}
            onClick={() => submit.run(request, (op) => router.push(`/operations/${op.id}`))}
          >
            {submit.pending ? 'Queuing…' : `Roll back to revision ${revision ?? '—'}`}
          </Button>
        </>
      }
    >
      {revisions.length === 0 ? (
        <p>There is no earlier revision to roll back to.</p>
      ) : (
        <label className="flex items-center gap-3">
          <span className="text-xs font-medium text-slate-700">
            From revision {current} to revision
          </span>
          <select
            className={`${INPUT} w-auto`}
            value={revision}
            onChange={(e) => setRevision(Number(e.target.value))}
          >
            {revisions.map((r) => (
              <option key={r.revision} value={r.revision}>
                {r.revision} · {r.status} · {r.chartVersion ?? '?'} · {r.imageTag ?? '—'}
              </option>
            ))}
          </select>
        </label>
      )}
      {submit.failure ? (
        <CommandError message={submit.failure.error} problems={submit.failure.problems} />
      ) : null}
      {preview.failure ? (
        <CommandError message={preview.failure.error} problems={preview.failure.problems} />
      ) : null}
      {preview.pending ? <p className="text-slate-500">Computing the diff…</p> : null}
      {preview.data && !preview.pending ? <PreviewDiff preview={preview.data} /> : null}
    </Dialog>
  );
}
