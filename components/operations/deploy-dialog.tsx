'use client';

// Upgrade or install: chart version, image tag and values, then a preview of
// the values and manifest diff (helm's server-side dry run) before confirming.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CommandError, Dialog } from './dialog';
import { useOperationActions } from './operation-actions';
import { PreviewDiff } from './preview-diff';
import type { TTarget } from './target';
import { useCommand } from './use-command';
import { Field, INPUT, ValuesEditor } from './values-editor';

const CONFIRM = {
  upgrade: 'upgrade',
  install: 'install',
  deploy_idle: 'deploy to idle',
  canary_start: 'canary start',
} as const;

export function DeployDialog({
  kind,
  target,
  onClose,
  colour,
}: {
  kind: 'upgrade' | 'install' | 'deploy_idle' | 'canary_start';
  target: TTarget;
  onClose: () => void;
  /** deploy_idle: the blue/green colour deployed to. */
  colour?: string;
}) {
  const router = useRouter();
  const [version, setVersion] = useState('');
  const [imageTag, setImageTag] = useState('');
  const [values, setValues] = useState('');
  const [ticket, setTicket] = useState('');
  const actions = useOperationActions();
  const preview = useCommand(actions.preview);
  const submit = useCommand(actions.request);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const request = {
    kind,
    ...target,
    params: { version, imageTag, values, ...(colour ? { colour } : {}) },
    ticketId: ticket.trim() === '' ? undefined : ticket.trim(),
  };
  const key = JSON.stringify(request);
  const current = previewed === key && preview.data;
  const verb = kind === 'upgrade' ? 'Upgrade' : kind === 'install' ? 'Install' : 'Deploy';
  const what = colour
    ? `${target.release}-${colour} (idle)`
    : kind === 'canary_start'
      ? `a canary of ${target.release}`
      : target.release;
  return (
    <Dialog
      wide
      title={`${verb} ${what} in ${target.environment}/${target.cluster}`}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="secondary"
            disabled={preview.pending}
            onClick={() => preview.run(request, () => setPreviewed(key))}
          >
            {preview.pending ? 'Computing the diff…' : 'Preview changes'}
          </Button>
          <Button
            disabled={!current || submit.pending}
            title={current ? undefined : 'Preview the changes first'}
            onClick={() => submit.run(request, (op) => router.push(`/operations/${op.id}`))}
          >
            {submit.pending ? 'Queuing…' : `Confirm ${CONFIRM[kind]}`}
          </Button>
        </>
      }
    >
      <div className="grid grid-cols-3 gap-3">
        <Field label="Chart version" hint="Empty: the configured chart as it is">
          <input className={INPUT} value={version} onChange={(e) => setVersion(e.target.value)} />
        </Field>
        <Field label="Image tag" hint="Sets image.tag">
          <input className={INPUT} value={imageTag} onChange={(e) => setImageTag(e.target.value)} />
        </Field>
        <Field label="Change ticket #" hint="Where the environment requires one">
          <input
            className={INPUT}
            inputMode="numeric"
            value={ticket}
            onChange={(e) => setTicket(e.target.value)}
          />
        </Field>
      </div>
      <ValuesEditor value={values} onChange={setValues} />
      {preview.failure ? (
        <CommandError message={preview.failure.error} problems={preview.failure.problems} />
      ) : null}
      {submit.failure ? (
        <CommandError message={submit.failure.error} problems={submit.failure.problems} />
      ) : null}
      {current ? (
        <PreviewDiff preview={current} />
      ) : preview.data ? (
        <p className="text-xs text-amber-700">
          The inputs changed since the preview: preview again.
        </p>
      ) : null}
    </Dialog>
  );
}
