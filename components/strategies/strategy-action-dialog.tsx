'use client';

// Confirms one strategy operation (test idle, switch, switch back, retire,
// canary steps): what it does, a ticket number where the environment asks
// for one, then queues it and opens the operation's page.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CommandError, Dialog } from '@/components/operations/dialog';
import { useOperationActions } from '@/components/operations/operation-actions';
import { useCommand } from '@/components/operations/use-command';
import { Field, INPUT } from '@/components/operations/values-editor';
import { Button } from '@/components/ui/button';
import type { TOperationKind } from '@/lib/operations/kinds/names';

export type TStrategyAction = {
  kind: TOperationKind;
  title: string;
  /** What happens, in one or two sentences. */
  body: React.ReactNode;
  confirm: string;
  params: Record<string, unknown>;
  /** Ask for a change ticket number. */
  ticket?: boolean;
  danger?: boolean;
};

export function StrategyActionDialog({
  action,
  target,
  onClose,
}: {
  action: TStrategyAction;
  target: { environment: string; cluster: string; release: string };
  onClose: () => void;
}) {
  const router = useRouter();
  const actions = useOperationActions();
  const submit = useCommand(actions.request);
  const [ticket, setTicket] = useState('');
  return (
    <Dialog
      title={action.title}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            className={action.danger ? 'bg-rose-600 text-white hover:bg-rose-500' : undefined}
            disabled={submit.pending}
            onClick={() =>
              submit.run(
                {
                  kind: action.kind,
                  ...target,
                  params: action.params,
                  ticketId: ticket.trim() || undefined,
                },
                (op) => router.push(`/operations/${op.id}`),
              )
            }
          >
            {submit.pending ? 'Queuing…' : action.confirm}
          </Button>
        </>
      }
    >
      <div className="text-slate-700">{action.body}</div>
      {action.ticket ? (
        <Field label="Change ticket #" hint="An approved ticket naming this colour and build">
          <input
            className={INPUT}
            inputMode="numeric"
            value={ticket}
            onChange={(e) => setTicket(e.target.value)}
          />
        </Field>
      ) : null}
      {submit.failure ? (
        <CommandError message={submit.failure.error} problems={submit.failure.problems} />
      ) : null}
    </Dialog>
  );
}
