// The release page: status and notes, workloads and pods, services and
// ingress, recent events, values and the manifest per resource, all
// redacted, from the caches.
import type { TRawObject } from '@/lib/kube/list-watch';
import { releaseSecrets, resourceYaml } from '@/lib/releases/diff';
import { desiredObjects, liveDrift, type TObjectDrift } from '@/lib/releases/live-drift';
import { splitManifest, type TManifestResource } from '@/lib/releases/manifest';
import {
  redactManifestObject,
  redactText,
  redactValues,
  type TKnownSecrets,
} from '@/lib/releases/redact';
import type { THelmRelease } from '@/lib/releases/release-secret';
import { containerFacts, type TContainerFact } from '@/lib/releases/container-facts';
import { rolloutOf, type TRollout } from '@/lib/releases/rollout';
import { releaseHealth, releaseOf, type TReleaseHealth } from '@/lib/releases/workload-health';
import { computeValues } from '@/lib/releases/values-diff';
import type { ClusterView, TClusterStatus } from './cluster-view';
import { byLastSeen, eventFact, type TEventFact } from './environment-view';
import { NotFoundError } from './errors';
import type { TOrigin } from '@/lib/releases/provenance';
import { summarizeRelease } from '@/lib/releases/summary';
import { withOrigin } from './origins';
import { releaseView } from './release-view';
import { fromCluster } from './unreachable';
import { serviceFacts, ingressFacts, type TIngressFact, type TServiceFact } from './networking';

export type TManifestEntry = {
  key: string;
  kind: string;
  namespace: string;
  name: string;
  source: string | null;
  yaml: string;
};

export type TReleaseDetail = {
  environment: string;
  cluster: string;
  clusterStatus: TClusterStatus;
  name: string;
  namespace: string;
  revision: number;
  status: string;
  description: string;
  /** From the Operation that made the revision; null when none did (or none is known). */
  deployedBy: string | null;
  /** Helmdeck (with the operation), outside Helmdeck, or pending; absent when unknown. */
  origin?: TOrigin;
  firstDeployed: string | null;
  lastDeployed: string | null;
  chart: THelmRelease['chart'];
  imageTag: string | null;
  images: string[];
  notes: string;
  health: TReleaseHealth;
  /** Pods with their age in ms (null when the start time is unknown) and their containers. */
  pods: (TReleaseHealth['pods'][number] & { ageMs: number | null; containers: TContainerFact[] })[];
  services: TServiceFact[];
  ingresses: TIngressFact[];
  events: TEventFact[];
  /** Per object: what the rollout waits on, and the reason it fails when it does. */
  rollout: TRollout;
  values: { user: Record<string, unknown>; computed: Record<string, unknown> };
  manifest: TManifestEntry[];
  /**
   * Objects whose live fields differ from what the chart set, with those
   * fields (values redacted like the manifest); null when it cannot be told
   * (not deployed, workloads not listed yet).
   */
  liveDrift: TObjectDrift[] | null;
  hooks: { name: string; kind: string; events: string[]; phase: string | null }[];
};

/** Of each: warnings, other events. */
const MAX_EVENTS = 50;

/** The decoded latest revision of a release, or NotFoundError. */
export async function latestRelease(
  c: ClusterView,
  namespace: string,
  name: string,
  where: string,
): Promise<THelmRelease> {
  const latest = c.releases.history(namespace, name)[0];
  const release = latest
    ? await fromCluster(c, () => c.releases.release(namespace, name, latest.revision))
    : null;
  if (!release) throw new NotFoundError('release', `There is no release "${name}" in ${where}.`);
  return release;
}

function relatedEvents(events: TRawObject[], names: Set<string>, prefixes: string[]): TEventFact[] {
  const related = events
    .filter((e) => {
      const n = (e as { involvedObject?: { name?: string } }).involvedObject?.name ?? '';
      return names.has(n) || prefixes.some((p) => n.startsWith(p));
    })
    .map((e) => eventFact(e))
    .sort(byLastSeen);
  // Warnings are kept apart from the other events, so a busy rollout's Normal events never crowd them out.
  return [
    ...related.filter((e) => e.type === 'Warning').slice(0, MAX_EVENTS),
    ...related.filter((e) => e.type !== 'Warning').slice(0, MAX_EVENTS),
  ].sort(byLastSeen);
}

/** Event messages can quote anything (a container's args): the release's secrets are masked. */
function redactRollout(r: TRollout, known: readonly string[]): TRollout {
  return { ...r, reason: r.reason === null ? null : redactText(r.reason, known) };
}

// Both sides redacted the same way: equal values give equal markers, so a changed secret shows as changed only.
function detailDrift(
  c: ClusterView,
  ns: string,
  status: string,
  resources: TManifestResource[],
  known: TKnownSecrets,
): TObjectDrift[] | null {
  if (status !== 'deployed' || c.workloads.get(ns)?.state().phase !== 'ready') return null;
  const mine = resources
    .filter((r) => r.namespace === ns)
    .map((r) => ({ ...r, object: redactManifestObject(r.object, known) }));
  return liveDrift(desiredObjects(mine), (kind, _ns, name) => {
    const live = c.liveObject(ns, kind, name);
    return live ? redactManifestObject(live, known) : null;
  });
}

/** Everything the release page shows about the latest revision of a release on one cluster. */
export async function getReleaseDetail(
  environment: string,
  cluster: string,
  release: string,
): Promise<TReleaseDetail> {
  const view = releaseView();
  const { environment: env, cluster: c } = await view.place(environment, cluster);
  const clusterStatus = view.requireData(c);
  const ns = env.namespace;
  const r = await latestRelease(c, ns, release, `${environment}/${cluster}`);
  const summary = withOrigin(summarizeRelease(r), cluster, view.origins);
  const snap = c.workloads.get(ns)?.snapshot();
  const mine = (list: TRawObject[] | undefined) =>
    (list ?? []).filter((o) => {
      const owner = releaseOf(o);
      return owner?.name === release && owner.namespace === ns;
    });
  const health = releaseHealth(
    { name: release, namespace: ns },
    {
      deployments: snap?.deployments,
      statefulSets: snap?.statefulSets,
      daemonSets: snap?.daemonSets,
      pods: snap?.pods,
    },
  );
  const now = Date.now();
  const resources = [...splitManifest(r.manifest, ns).resources.values()];
  const names = new Set([...resources.map((x) => x.name), ...health.pods.map((p) => p.name)]);
  const workloadPrefixes = health.workloads.map((w) => `${w.name}-`);
  const known = releaseSecrets(r);
  return {
    environment,
    cluster,
    clusterStatus,
    name: r.name,
    namespace: ns,
    revision: r.revision,
    status: r.info.status,
    description: redactText(r.info.description, known),
    deployedBy: summary.deployedBy,
    ...(summary.origin ? { origin: summary.origin } : {}),
    firstDeployed: r.info.firstDeployed,
    lastDeployed: r.info.lastDeployed,
    chart: r.chart,
    imageTag: summary.imageTag,
    images: summary.images,
    notes: redactText(r.info.notes, known),
    health,
    pods: health.pods.map((p) => ({
      ...p,
      ageMs: p.startedAt ? Math.max(0, now - Date.parse(p.startedAt)) : null,
      containers: containerFacts(mine(snap?.pods).find((o) => o.metadata?.name === p.name) ?? {}),
    })),
    services: serviceFacts(mine(snap?.services), snap?.pods ?? []),
    ingresses: ingressFacts(mine(snap?.ingresses), snap?.services ?? [], snap?.pods ?? []),
    events: relatedEvents(snap?.events ?? [], names, workloadPrefixes),
    rollout: redactRollout(rolloutOf({ release, namespace: ns, ...snap }), known),
    values: {
      user: redactValues(r.config, known),
      computed: redactValues(computeValues(r.chartValues, r.config), known),
    },
    manifest: resources.map((x) => ({
      key: x.key,
      kind: x.kind,
      namespace: x.namespace,
      name: x.name,
      source: x.source,
      yaml: resourceYaml(x, known),
    })),
    liveDrift: detailDrift(c, ns, r.info.status, resources, known),
    hooks: r.hooks.map((h) => ({
      name: h.name,
      kind: h.kind,
      events: h.events,
      phase: h.lastRun?.phase || null,
    })),
  };
}
