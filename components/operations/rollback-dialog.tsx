'use client';

// Rollback: the previous healthy revision is picked; the diff current -> target
// loads at once, so confirming is the second click. Any kept revision can be
// chosen; each says whether it was healthy, what going back changes and
// which hook Jobs run (or do not run) on the rollback.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { CommandError, Dialog } from './dialog';
import { useOperationActions } from './operation-actions';
import { PreviewDiff } from './preview-diff';
import { defaultChoice, rollbackChoices, type TRevisionLike } from './rollback-choices';
import type { TTarget } from './target';
import { useCommand } from './use-command';

export type TRevisionChoice = TRevisionLike;

export function RollbackDialog({
  target,
  current,
  revisions,
  history = revisions,
  initial,
  onClose,
}: {
  target: TTarget;
  current: number;
  /** Older revisions, newest first. */
  revisions: TRevisionChoice[];
  /** Every revision, newest first (the current one too): what changes is told against it. */
  history?: TRevisionChoice[];
  initial?: number;
  onClose: () => void;
}) {
  const router = useRouter();
  const choices = rollbackChoices(
    history.find((r) => r.revision === current),
    revisions,
    history,
  );
  const [revision, setRevision] = useState<number | undefined>(initial ?? defaultChoice(choices));
  const chosen = choices.find((c) => c.revision === revision);
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
        <fieldset>
          <legend className="mb-1.5 text-xs font-medium text-slate-700">
            From revision {current} to revision
          </legend>
          <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
            {choices.map((c) => (
              <li key={c.revision}>
                <label
                  className="flex cursor-pointer items-start gap-2.5 px-3 py-2 hover:bg-slate-50"
                  data-testid={`rollback-choice-${c.revision}`}
                >
                  <input
                    type="radio"
                    name="rollback-revision"
                    className="mt-0.5"
                    checked={revision === c.revision}
                    onChange={() => setRevision(c.revision)}
                    aria-describedby={`rollback-choice-${c.revision}-facts`}
                  />
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-center gap-1.5 text-sm">
                      <span className="font-mono font-medium">Revision {c.revision}</span>
                      <StatusBadge
                        tone={c.healthy ? 'ok' : c.status === 'failed' ? 'fail' : 'neutral'}
                      >
                        {c.status}
                      </StatusBadge>
                      {c.lastHealthy ? <StatusBadge tone="ok">last healthy</StatusBadge> : null}
                      {c.unhealthyBecause && c.unhealthyBecause !== c.status ? (
                        <StatusBadge tone="warn">{c.unhealthyBecause}</StatusBadge>
                      ) : null}
                    </span>
                    <span
                      id={`rollback-choice-${c.revision}-facts`}
                      className="mt-0.5 block text-xs text-slate-600"
                    >
                      {c.changes.length
                        ? c.changes.join(' · ')
                        : 'same chart, app version and image'}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {chosen && (chosen.hooksRun.length > 0 || chosen.hooksSkipped.length > 0) ? (
        <div
          role="note"
          aria-label="Hooks on this rollback"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900"
        >
          {chosen.hooksRun.length ? (
            <p>
              Runs again on this rollback:{' '}
              <span className="font-mono">{chosen.hooksRun.join(', ')}</span>.
            </p>
          ) : null}
          {chosen.hooksSkipped.length ? (
            <p>
              Not run by a rollback:{' '}
              <span className="font-mono">{chosen.hooksSkipped.join(', ')}</span> — what it changed
              (a database migration, say) stays as revision {current} left it.
            </p>
          ) : null}
        </div>
      ) : null}
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
