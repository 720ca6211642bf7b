// Diffs between two revisions of a release, or the same release in two
// environments or clusters: chart, notes, values and manifest per object.
import { stringify } from 'yaml';
import { diffLines, sideBySide, splitLines, unifiedDiff, type TSideBySideRow } from './line-diff';
import { splitManifest, type TManifestProblem, type TManifestResource } from './manifest';
import { redactManifestObject, redactText, secretsOf, type TKnownSecrets } from './redact';
import type { THelmRelease } from './release-secret';
import { computeValues, diffValues, type TValueChange } from './values-diff';

export type TResourceDiff = {
  /** Key on the right side (left when removed). */
  key: string;
  kind: string;
  namespace: string;
  name: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Unified diff of the redacted YAML; '' when unchanged. */
  unified: string;
  /** Side-by-side rows; empty when unchanged. */
  rows: TSideBySideRow[];
  linesAdded: number;
  linesRemoved: number;
};

export type TManifestSide = {
  manifest: string;
  namespace: string;
  label: string;
  /** Secret values to mask on this side (both sides' for a fair comparison). */
  known?: TKnownSecrets;
};

export type TManifestDiff = {
  resources: TResourceDiff[];
  problems: { left: TManifestProblem[]; right: TManifestProblem[] };
};

/**
 * Redacted YAML of one object, the text both the manifest view and the diffs
 * show; `known` are the release's secret values (see releaseSecrets).
 */
export function resourceYaml(
  resource: Pick<TManifestResource, 'object'>,
  known: TKnownSecrets = [],
): string {
  return stringify(redactManifestObject(resource.object, known), { lineWidth: 0, version: '1.1' });
}

/** The secret values a release was deployed with, to be masked wherever its chart put them. */
export function releaseSecrets(...releases: Pick<THelmRelease, 'config' | 'chartValues'>[]) {
  return secretsOf(...releases.flatMap((r) => [r.config, r.chartValues]));
}

// Objects in the release's own namespace match across namespaces, so
// staging's `Deployment/staging/web` compares with production's `Deployment/production/web`.
function matchKey(r: TManifestResource, releaseNamespace: string): string {
  const ns = r.namespace === releaseNamespace ? '(release)' : r.namespace;
  return `${r.kind}/${ns}/${r.name}${r.key.slice(`${r.kind}/${r.namespace}/${r.name}`.length)}`;
}

function byMatchKey(side: TManifestSide) {
  const split = splitManifest(side.manifest, side.namespace);
  const map = new Map<string, TManifestResource>();
  for (const r of split.resources.values()) map.set(matchKey(r, side.namespace), r);
  return { map, problems: split.problems };
}

function resourceDiff(
  l: TManifestResource | undefined,
  r: TManifestResource | undefined,
  from: string,
  to: string,
  known: TKnownSecrets,
) {
  const shown = (r ?? l) as TManifestResource;
  const leftLines = l ? splitLines(resourceYaml(l, known)) : [];
  const rightLines = r ? splitLines(resourceYaml(r, known)) : [];
  const ops = diffLines(leftLines, rightLines);
  const linesAdded = ops.filter((o) => o.kind === 'added').length;
  const linesRemoved = ops.filter((o) => o.kind === 'removed').length;
  const change: TResourceDiff['change'] = !l
    ? 'added'
    : !r
      ? 'removed'
      : linesAdded + linesRemoved > 0
        ? 'changed'
        : 'unchanged';
  const same = change === 'unchanged';
  return {
    key: shown.key,
    kind: shown.kind,
    namespace: shown.namespace,
    name: shown.name,
    change,
    // Each side names its own object: across environments the namespaces differ.
    unified: same
      ? ''
      : unifiedDiff(ops, `${from} ${(l ?? shown).key}`, `${to} ${(r ?? shown).key}`),
    rows: same ? [] : sideBySide(ops),
    linesAdded,
    linesRemoved,
  } satisfies TResourceDiff;
}

const ORDER = { changed: 0, added: 1, removed: 2, unchanged: 3 } as const;

/** Per-object diff of two manifests: changed first, then added, removed, unchanged. */
export function diffManifests(left: TManifestSide, right: TManifestSide): TManifestDiff {
  const l = byMatchKey(left);
  const r = byMatchKey(right);
  // One set for both sides, so an unchanged secret gives the same marker on each.
  const known = [...new Set([...(left.known ?? []), ...(right.known ?? [])])].sort(
    (a, b) => b.length - a.length,
  );
  const out: TResourceDiff[] = [];
  for (const [k, lr] of l.map)
    out.push(resourceDiff(lr, r.map.get(k), left.label, right.label, known));
  for (const [k, rr] of r.map)
    if (!l.map.has(k)) out.push(resourceDiff(undefined, rr, left.label, right.label, known));
  out.sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.key.localeCompare(b.key));
  return { resources: out, problems: { left: l.problems, right: r.problems } };
}

export type TReleaseRef = {
  label: string;
  name: string;
  namespace: string;
  revision: number;
  chart: THelmRelease['chart'];
  status: string;
};

export type TReleaseDiff = {
  from: TReleaseRef;
  to: TReleaseRef;
  chart: { nameChanged: boolean; versionChanged: boolean; appVersionChanged: boolean };
  notes: { changed: boolean; unified: string; rows: TSideBySideRow[] };
  /** User-supplied values (`helm get values`). */
  values: TValueChange[];
  /** Chart defaults merged with user values (`helm get values --all`). */
  computedValues: TValueChange[];
  manifest: TManifestDiff;
};

// Hooks are part of what a release deploys, so they are diffed with the manifest.
function fullManifest(r: THelmRelease): string {
  const hooks = r.hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}`);
  return [r.manifest, ...hooks].join('\n');
}

function ref(r: THelmRelease, label: string): TReleaseRef {
  return {
    label,
    name: r.name,
    namespace: r.namespace,
    revision: r.revision,
    chart: r.chart,
    status: r.info.status,
  };
}

/** Everything that differs between two decoded releases; labels name the sides ("rev 3", "staging/east"). */
export function diffReleases(
  left: THelmRelease,
  right: THelmRelease,
  labels?: { from: string; to: string },
): TReleaseDiff {
  const from = labels?.from ?? `revision ${left.revision}`;
  const to = labels?.to ?? `revision ${right.revision}`;
  const known = releaseSecrets(left, right);
  const notesOps = diffLines(
    splitLines(redactText(left.info.notes, known)),
    splitLines(redactText(right.info.notes, known)),
  );
  const notesUnified = unifiedDiff(notesOps, `${from} NOTES`, `${to} NOTES`);
  return {
    from: ref(left, from),
    to: ref(right, to),
    chart: {
      nameChanged: left.chart.name !== right.chart.name,
      versionChanged: left.chart.version !== right.chart.version,
      appVersionChanged: left.chart.appVersion !== right.chart.appVersion,
    },
    notes: {
      changed: notesUnified !== '',
      unified: notesUnified,
      rows: notesUnified ? sideBySide(notesOps) : [],
    },
    values: diffValues(left.config, right.config, known),
    computedValues: diffValues(
      computeValues(left.chartValues, left.config),
      computeValues(right.chartValues, right.config),
      known,
    ),
    manifest: diffManifests(
      { manifest: fullManifest(left), namespace: left.namespace, label: from, known },
      { manifest: fullManifest(right), namespace: right.namespace, label: to, known },
    ),
  };
}
