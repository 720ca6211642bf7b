'use client';
// New and edit ticket form. The values diff is rendered by helm's dry run
// against the live release on request and kept with the ticket for approvers.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { TActionResult } from '@/lib/errors';
import type { TTicketFormValues } from '@/lib/tickets/ticket-form-data';

type TProps = {
  environments: { name: string; clusters: string[] }[];
  releases: { name: string; promotion: string[] }[];
  initial: TTicketFormValues;
  submitLabel: string;
  save: (input: unknown) => Promise<TActionResult<number>>;
  preview: (input: unknown) => Promise<TActionResult<string>>;
  /** Shown above the buttons, e.g. that saving voids approvals. */
  warning?: string;
};

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm';
const label = 'block text-sm font-medium text-slate-700';

function toInput(v: TTicketFormValues) {
  const list = (s: string, sep: RegExp) =>
    s
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    release: v.release,
    environment: v.environment,
    clusters: v.clusters,
    chartVersion: v.chartVersion,
    imageTag: v.imageTag.trim() || null,
    values: v.values,
    rollbackPlan: {
      ...(v.rollbackRevision.trim() ? { targetRevision: Number(v.rollbackRevision) } : {}),
      steps: list(v.rollbackSteps, /\n/),
    },
    maintenanceWindow: { start: v.windowStart, end: v.windowEnd, timeZone: v.timeZone },
    stakeholders: list(v.stakeholders, /[,\n]/),
    externalRef: v.externalRef.trim() || null,
    risk: v.risk,
    title: v.title.trim() || null,
    description: v.description.trim() || null,
    renderedDiff: v.renderedDiff || null,
  };
}

export function TicketForm({
  environments,
  releases,
  initial,
  submitLabel,
  save,
  preview,
  warning,
}: TProps) {
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [diffNote, setDiffNote] = useState<string | null>(
    initial.renderedDiff ? 'A rendered diff is attached.' : null,
  );
  const [pending, start] = useTransition();
  const set = <K extends keyof TTicketFormValues>(k: K, value: TTicketFormValues[K]) =>
    setV((old) => ({
      ...old,
      [k]: value,
      ...(k === 'values' || k === 'imageTag' ? { renderedDiff: '' } : {}),
    }));
  const env = environments.find((e) => e.name === v.environment);

  const onPreview = () =>
    start(async () => {
      setDiffNote('Rendering with helm against the live release…');
      const r = await preview({
        release: v.release,
        environment: v.environment,
        cluster: v.clusters[0] ?? '',
        ...(v.imageTag.trim() ? { imageTag: v.imageTag.trim() } : {}),
        values: v.values,
      });
      if (!r.ok) return setDiffNote(`No diff: ${r.error}`);
      const diff = JSON.parse(r.data) as {
        values: unknown[];
        manifest: { resources: { change: string }[] };
      };
      const changed = diff.manifest.resources.filter((x) => x.change !== 'unchanged').length;
      setV((old) => ({ ...old, renderedDiff: r.data }));
      setDiffNote(`Diff attached: ${diff.values.length} value changes, ${changed} objects change.`);
    });

  const onSave = () =>
    start(async () => {
      setError(null);
      const r = await save(toInput(v));
      if (!r.ok) return setError(r.error);
      router.push(`/tickets/${r.data}`);
    });

  return (
    <form
      className="space-y-5 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <label className={label}>
          Release
          <select
            aria-label="Release"
            className={input}
            value={v.release}
            onChange={(e) => set('release', e.target.value)}
          >
            {releases.map((r) => (
              <option key={r.name}>{r.name}</option>
            ))}
          </select>
        </label>
        <label className={label}>
          Environment
          <select
            aria-label="Environment"
            className={input}
            value={v.environment}
            onChange={(e) =>
              setV((o) => ({ ...o, environment: e.target.value, clusters: [], renderedDiff: '' }))
            }
          >
            {environments.map((e) => (
              <option key={e.name}>{e.name}</option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend className={label}>Clusters</legend>
          <div className="mt-2 flex gap-3">
            {env?.clusters.map((c) => (
              <label key={c} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={v.clusters.includes(c)}
                  onChange={(e) =>
                    set(
                      'clusters',
                      e.target.checked ? [...v.clusters, c] : v.clusters.filter((x) => x !== c),
                    )
                  }
                />
                {c}
              </label>
            ))}
          </div>
        </fieldset>
        <label className={label}>
          Chart version
          <input
            className={input}
            value={v.chartVersion}
            onChange={(e) => set('chartVersion', e.target.value)}
          />
        </label>
        <label className={label}>
          Image tag
          <input
            className={input}
            value={v.imageTag}
            onChange={(e) => set('imageTag', e.target.value)}
          />
        </label>
        <label className={label}>
          Risk
          <select
            aria-label="Risk"
            className={input}
            value={v.risk}
            onChange={(e) => set('risk', e.target.value)}
          >
            {['low', 'medium', 'high'].map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </div>
      {/* The hint stays out of the label, so "Environment" names only the environment field. */}
      <label className={label}>
        Values (YAML)
        <textarea
          className={`${input} font-mono`}
          rows={6}
          aria-describedby="ticket-values-hint"
          value={v.values}
          onChange={(e) => set('values', e.target.value)}
        />
      </label>
      <p id="ticket-values-hint" className="-mt-3 text-xs text-slate-500">
        Layered over the values files of the chosen environment.
      </p>
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          onClick={onPreview}
          disabled={pending || v.clusters.length === 0}
        >
          Render diff vs live release
        </Button>
        {diffNote ? (
          <span className="text-sm text-slate-600" data-testid="diff-note">
            {diffNote}
          </span>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <label className={label}>
          Window start
          <input
            type="datetime-local"
            className={input}
            value={v.windowStart}
            onChange={(e) => set('windowStart', e.target.value)}
          />
        </label>
        <label className={label}>
          Window end
          <input
            type="datetime-local"
            className={input}
            value={v.windowEnd}
            onChange={(e) => set('windowEnd', e.target.value)}
          />
        </label>
        <label className={label}>
          Time zone
          <input
            className={input}
            value={v.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
          />
        </label>
        <label className={label}>
          Rollback to revision
          <input
            className={input}
            inputMode="numeric"
            value={v.rollbackRevision}
            onChange={(e) => set('rollbackRevision', e.target.value)}
          />
        </label>
        <label className={label}>
          External reference
          <input
            className={input}
            placeholder="CHG-1234"
            value={v.externalRef}
            onChange={(e) => set('externalRef', e.target.value)}
          />
        </label>
        <label className={label}>
          Title
          <input className={input} value={v.title} onChange={(e) => set('title', e.target.value)} />
        </label>
      </div>
      <label className={label}>
        Rollback steps (one per line)
        <textarea
          className={input}
          rows={2}
          value={v.rollbackSteps}
          onChange={(e) => set('rollbackSteps', e.target.value)}
        />
      </label>
      <label className={label}>
        Stakeholders (comma separated)
        <input
          className={input}
          value={v.stakeholders}
          onChange={(e) => set('stakeholders', e.target.value)}
        />
      </label>
      <label className={label}>
        Description
        <textarea
          className={input}
          rows={2}
          value={v.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </label>
      {warning ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{warning}</p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
