'use client';

// Uninstall (type the release name to confirm), helm test and guided recovery.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CommandError, Dialog } from './dialog';
import { useOperationActions } from './operation-actions';
import type { TTarget } from './target';
import { useCommand } from './use-command';
import { Field, INPUT } from './values-editor';

function useSubmit() {
  const router = useRouter();
  const actions = useOperationActions();
  const submit = useCommand(actions.request);
  return {
    ...submit,
    go: (input: Record<string, unknown>) =>
      submit.run(input, (op) => router.push(`/operations/${op.id}`)),
  };
}

export function UninstallDialog({ target, onClose }: { target: TTarget; onClose: () => void }) {
  const submit = useSubmit();
  const [typed, setTyped] = useState('');
  const [ticket, setTicket] = useState('');
  return (
    <Dialog
      title={`Uninstall ${target.release} from ${target.environment}/${target.cluster}`}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            className="bg-rose-600 text-white hover:bg-rose-500 disabled:bg-rose-300"
            disabled={typed !== target.release || submit.pending}
            onClick={() =>
              submit.go({
                kind: 'uninstall',
                ...target,
                confirmRelease: typed,
                ticketId: ticket.trim() || undefined,
              })
            }
          >
            {submit.pending ? 'Queuing…' : 'Uninstall'}
          </Button>
        </>
      }
    >
      <p className="text-slate-700">
        This removes every object of the release and its history from the cluster. Type{' '}
        <code className="rounded bg-slate-100 px-1 font-semibold">{target.release}</code> to
        confirm.
      </p>
      <Field label="Release name">
        <input
          className={INPUT}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
        />
      </Field>
      <Field label="Change ticket #" hint="Where the environment requires one">
        <input
          className={INPUT}
          inputMode="numeric"
          value={ticket}
          onChange={(e) => setTicket(e.target.value)}
        />
      </Field>
      {submit.failure ? (
        <CommandError message={submit.failure.error} problems={submit.failure.problems} />
      ) : null}
    </Dialog>
  );
}

export function RunDialog({
  kind,
  target,
  onClose,
}: {
  kind: 'test' | 'recover';
  target: TTarget;
  onClose: () => void;
}) {
  const submit = useSubmit();
  const title =
    kind === 'test'
      ? `Run helm test on ${target.release} in ${target.environment}/${target.cluster}`
      : `Recover ${target.release} in ${target.environment}/${target.cluster}`;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={submit.pending} onClick={() => submit.go({ kind, ...target })}>
            {submit.pending ? 'Queuing…' : kind === 'test' ? 'Run tests' : 'Start recovery'}
          </Button>
        </>
      }
    >
      {kind === 'test' ? (
        <p className="text-slate-700">
          Runs the chart&apos;s test hooks (<code>helm test --logs</code>); the operation page shows
          the test pods&apos; logs as they run.
        </p>
      ) : (
        <div className="space-y-2 text-slate-700">
          <p>
            The release is stuck in a <strong>pending</strong> state: helm was stopped in the middle
            of a change and will refuse every new one. Recovery is never automatic; it:
          </p>
          <ol className="list-decimal space-y-1 pl-5">
            <li>
              rolls back to the last revision that was deployed, and waits for it to be ready;
            </li>
            <li>
              or, when revision 1 never deployed, uninstalls the release so it can be installed
              again.
            </li>
          </ol>
          <p>Both the request and the outcome are audited.</p>
        </div>
      )}
      {submit.failure ? (
        <CommandError message={submit.failure.error} problems={submit.failure.problems} />
      ) : null}
    </Dialog>
  );
}
