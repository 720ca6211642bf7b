'use client';

// The preview-then-confirm flow of every dialog that queues a change: the
// preview runs the request as a dry run, confirm stays disabled until the
// preview is of exactly the inputs shown, and a queued operation opens its
// page. Used by the deploy dialog and the flag dialog.
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { CommandError } from './dialog';
import { useOperationActions } from './operation-actions';
import { useCommand } from './use-command';
import { Field, INPUT } from './values-editor';

export function usePreviewThenConfirm(request: unknown) {
  const router = useRouter();
  const actions = useOperationActions();
  const preview = useCommand(actions.preview);
  const submit = useCommand(actions.request);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const key = JSON.stringify(request);
  /** The preview of exactly the inputs shown; null when there is none or they changed since. */
  const current = previewed === key ? preview.data : null;
  return {
    preview,
    submit,
    current,
    runPreview: () => preview.run(request, () => setPreviewed(key)),
    confirm: () => submit.run(request, (op) => router.push(`/operations/${op.id}`)),
  };
}

type TFlow = ReturnType<typeof usePreviewThenConfirm>;

export function PreviewConfirmFooter({
  flow,
  onClose,
  confirmLabel,
}: {
  flow: TFlow;
  onClose: () => void;
  confirmLabel: ReactNode;
}) {
  return (
    <>
      <Button variant="ghost" onClick={onClose}>
        Cancel
      </Button>
      <Button variant="secondary" disabled={flow.preview.pending} onClick={flow.runPreview}>
        {flow.preview.pending ? 'Computing the diff…' : 'Preview changes'}
      </Button>
      <Button
        disabled={!flow.current || flow.submit.pending}
        title={flow.current ? undefined : 'Preview the changes first'}
        onClick={flow.confirm}
      >
        {flow.submit.pending ? 'Queuing…' : confirmLabel}
      </Button>
    </>
  );
}

/** The refusals of the preview and of the request, as the server worded them. */
export function PreviewConfirmFailures({ flow }: { flow: TFlow }) {
  const { preview, submit } = flow;
  return (
    <>
      {preview.failure ? (
        <CommandError message={preview.failure.error} problems={preview.failure.problems} />
      ) : null}
      {submit.failure ? (
        <CommandError message={submit.failure.error} problems={submit.failure.problems} />
      ) : null}
    </>
  );
}

export function TicketField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field label="Change ticket #" hint="Where the environment requires one">
      <input
        className={INPUT}
        inputMode="numeric"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
