'use client';

// Upgrade or install: chart version, image tag and values, then a preview of
// the values and manifest diff (helm's server-side dry run) before confirming.
import { useState } from 'react';
import { Dialog } from './dialog';
import {
  PreviewConfirmFailures,
  PreviewConfirmFooter,
  TicketField,
  usePreviewThenConfirm,
} from './preview-confirm';
import { PreviewDiff } from './preview-diff';
import type { TTarget } from './target';
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
  const [version, setVersion] = useState('');
  const [imageTag, setImageTag] = useState('');
  const [values, setValues] = useState('');
  const [ticket, setTicket] = useState('');
  const request = {
    kind,
    ...target,
    params: { version, imageTag, values, ...(colour ? { colour } : {}) },
    ticketId: ticket.trim() === '' ? undefined : ticket.trim(),
  };
  const flow = usePreviewThenConfirm(request);
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
        <PreviewConfirmFooter
          flow={flow}
          onClose={onClose}
          confirmLabel={`Confirm ${CONFIRM[kind]}`}
        />
      }
    >
      <div className="grid grid-cols-3 gap-3">
        <Field label="Chart version" hint="Empty: the configured chart as it is">
          <input className={INPUT} value={version} onChange={(e) => setVersion(e.target.value)} />
        </Field>
        <Field label="Image tag" hint="Sets image.tag">
          <input className={INPUT} value={imageTag} onChange={(e) => setImageTag(e.target.value)} />
        </Field>
        <TicketField value={ticket} onChange={setTicket} />
      </div>
      <ValuesEditor value={values} onChange={setValues} />
      <PreviewConfirmFailures flow={flow} />
      {flow.current ? (
        <PreviewDiff preview={flow.current} />
      ) : flow.preview.data ? (
        <p className="text-xs text-amber-700">
          The inputs changed since the preview: preview again.
        </p>
      ) : null}
    </Dialog>
  );
}
