// The release Secrets of one cluster, keyed namespace/name: each revision's
// labels and, once its payload was seen, its matrix summary. Payloads are
// not kept: a whole revision is fetched on demand and decoded, and the
// most recently decoded ones stay in a bounded cache.
import type { TInformerStore } from '@/lib/kube/informer';
import { desiredObjects, driftResources, type TDesiredObject } from './live-drift';
import { releaseFromLabels, type TReleaseLabelSummary } from './release-labels';
import {
  decodeReleaseSecret,
  ReleaseSecretError,
  type THelmRelease,
  type TKubeSecret,
} from './release-secret';
import { summarizeRelease, type TReleaseSummary } from './summary';

// Full releases are large; only the most recently decoded ones stay.
const MAX_DECODED = 64;

type TEntry = {
  labels: TReleaseLabelSummary;
  /** undefined: the payload was never seen; null: it could not be decoded. */
  summary: TReleaseSummary | null | undefined;
  /**
   * Live drift's side: a deployed revision's rendered manifest until the
   * fields its chart sets are extracted (parsing YAML is kept off the cold
   * start), then those fields. Superseded revisions keep neither.
   */
  drift?: { manifest: string } | { desired: TDesiredObject[] };
};

/** Gets one release Secret by namespace and name (a GET), for a payload the store does not keep. */
export type TSecretFetcher = (namespace: string, name: string) => Promise<TKubeSecret>;

export function objectKey(obj: TKubeSecret): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

const releaseKey = (namespace: string, name: string) => `${namespace}/${name}`;
const memoKey = (l: TReleaseLabelSummary) => `${l.uid}@${l.resourceVersion}`;

/** A summary from the Secret's labels alone, for a release whose payload cannot be decoded (yet). */
export function labelsOnly(l: TReleaseLabelSummary): TReleaseSummary {
  return {
    name: l.name,
    namespace: l.namespace,
    revision: l.revision,
    status: l.status,
    chartName: null,
    chartVersion: null,
    appVersion: null,
    imageTag: null,
    images: [],
    lastDeployed: l.modifiedAt?.toISOString() ?? null,
    deployedBy: null,
    health: null,
  };
}

function decoded(
  secret: TKubeSecret,
  labels: TReleaseLabelSummary,
): Pick<TEntry, 'summary' | 'drift'> {
  try {
    const r = decodeReleaseSecret(secret);
    // helm's labels are what `helm list` shows; the payload's status lags a label update.
    const summary = { ...summarizeRelease(r), status: labels.status };
    return labels.status === 'deployed'
      ? { summary, drift: { manifest: r.manifest } }
      : { summary };
  } catch {
    return { summary: null };
  }
}

export class ReleaseStore implements TInformerStore<TKubeSecret> {
  private readonly entries = new Map<string, TEntry>();
  /** namespace/release -> revision -> entry key. */
  private readonly byRelease = new Map<string, Map<number, string>>();
  private readonly decoded = new Map<string, THelmRelease>();
  private changes = 0;
  private latestMemo: { at: number; list: TReleaseSummary[] } | null = null;

  constructor(private readonly fetchSecret?: TSecretFetcher) {}

  /** Increments on every change; lets callers memoize derived data. */
  version(): number {
    return this.changes;
  }

  versionOf(key: string): string | undefined {
    return this.entries.get(key)?.labels.resourceVersion;
  }

  /** Holds a revision's labels and, when the object carries its payload, its summary. */
  set(key: string, secret: TKubeSecret): boolean {
    let labels: TReleaseLabelSummary;
    try {
      labels = releaseFromLabels(secret.metadata ?? {});
    } catch {
      return false; // Not a helm release after all; the label selector should keep these out.
    }
    const held = this.entries.get(key);
    let entry: TEntry = { labels, summary: undefined };
    if (secret.data?.release) entry = { labels, ...decoded(secret, labels) };
    else if (held?.labels.uid === labels.uid && held.summary) {
      // Same revision, only its labels moved (deployed -> superseded): the payload's facts stand.
      entry.summary = { ...held.summary, status: labels.status };
      if (labels.status === 'deployed' && held.drift) entry.drift = held.drift;
    }
    this.remove(key);
    this.entries.set(key, entry);
    const rk = releaseKey(labels.namespace, labels.name);
    const revs = this.byRelease.get(rk) ?? new Map<number, string>();
    revs.set(labels.revision, key);
    this.byRelease.set(rk, revs);
    this.changes++;
    return true;
  }

  remove(key: string): void {
    const held = this.entries.get(key);
    if (!held) return;
    this.decoded.delete(memoKey(held.labels));
    this.entries.delete(key);
    const rk = releaseKey(held.labels.namespace, held.labels.name);
    const revs = this.byRelease.get(rk);
    if (revs?.get(held.labels.revision) === key) revs.delete(held.labels.revision);
    if (revs?.size === 0) this.byRelease.delete(rk);
    this.changes++;
  }

  /** Replaces everything with a fresh LIST; unchanged revisions keep what was decoded. */
  replaceAll(items: TKubeSecret[]): void {
    const fresh = new Set(items.map(objectKey));
    for (const key of [...this.entries.keys()]) if (!fresh.has(key)) this.remove(key);
    for (const s of items) {
      const key = objectKey(s);
      const held = this.entries.get(key);
      const same = held?.labels.resourceVersion === s.metadata?.resourceVersion;
      if (held && same && (held.summary !== undefined || !s.data?.release)) continue;
      this.set(key, s);
    }
  }

  /** Every revision held, from labels only. */
  revisions(): TReleaseLabelSummary[] {
    return [...this.entries.values()].map((e) => e.labels);
  }

  /** The newest revision of each release (what `helm list` shows). */
  latest(): TReleaseLabelSummary[] {
    const out: TReleaseLabelSummary[] = [];
    for (const revs of this.byRelease.values()) {
      let best: TReleaseLabelSummary | undefined;
      for (const key of revs.values()) {
        const l = this.entries.get(key)?.labels;
        if (l && (!best || l.revision > best.revision)) best = l;
      }
      if (best) out.push(best);
    }
    return out;
  }

  /** Revisions of one release, newest first. */
  history(namespace: string, name: string): TReleaseLabelSummary[] {
    const revs = this.byRelease.get(releaseKey(namespace, name));
    if (!revs) return [];
    return [...revs.values()]
      .flatMap((key) => {
        const l = this.entries.get(key)?.labels;
        return l ? [l] : [];
      })
      .sort((a, b) => b.revision - a.revision);
  }

  private entryFor(namespace: string, name: string, revision: number): TEntry | undefined {
    const key = this.byRelease.get(releaseKey(namespace, name))?.get(revision);
    return key ? this.entries.get(key) : undefined;
  }

  /**
   * Decoded revision (fetched when its payload is not in the bounded cache),
   * or null when not held; throws ReleaseSecretError for a corrupt Secret.
   */
  async release(namespace: string, name: string, revision: number): Promise<THelmRelease | null> {
    const entry = this.entryFor(namespace, name, revision);
    if (!entry) return null;
    const memo = memoKey(entry.labels);
    const hit = this.decoded.get(memo);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.decoded.delete(memo);
      this.decoded.set(memo, hit);
      return hit;
    }
    if (!this.fetchSecret) return null;
    const secret = await this.fetchSecret(namespace, entry.labels.secretName);
    let r: THelmRelease;
    try {
      r = decodeReleaseSecret(secret);
    } catch (e) {
      if (e instanceof ReleaseSecretError && this.entryFor(namespace, name, revision) === entry)
        entry.summary = null;
      throw e;
    }
    if (this.entryFor(namespace, name, revision) !== entry) return r; // changed meanwhile: do not cache
    if (entry.summary === undefined) Object.assign(entry, decoded(secret, entry.labels));
    if (this.decoded.size >= MAX_DECODED) this.decoded.delete(this.decoded.keys().next().value!);
    this.decoded.set(memo, r);
    return r;
  }

  /** Overview summary of one revision if its payload was seen; null when not held or unreadable. */
  summary(namespace: string, name: string, revision: number): TReleaseSummary | null {
    return this.entryFor(namespace, name, revision)?.summary ?? null;
  }

  /** Like summary(), fetching the revision when its payload was never seen. */
  async loadSummary(
    namespace: string,
    name: string,
    revision: number,
  ): Promise<TReleaseSummary | null> {
    const entry = this.entryFor(namespace, name, revision);
    if (!entry) return null;
    if (entry.summary !== undefined) return entry.summary;
    try {
      await this.release(namespace, name, revision);
    } catch {
      // Unreadable (remembered by release()) or unreachable (tried again next time).
    }
    return entry.summary ?? null;
  }

  /**
   * The fields the chart of a deployed revision sets on the objects live
   * drift compares; extracted on first ask. null: not deployed, or its
   * payload was never seen.
   */
  desired(namespace: string, name: string, revision: number): TDesiredObject[] | null {
    const entry = this.entryFor(namespace, name, revision);
    const drift = entry?.drift;
    if (!drift) return null;
    if ('desired' in drift) return drift.desired;
    let desired: TDesiredObject[] = [];
    try {
      desired = desiredObjects(driftResources(drift.manifest, namespace));
    } catch {
      // A manifest helm itself wrote but we cannot read: nothing to compare.
    }
    entry.drift = { desired };
    return desired;
  }

  /** Whether desired() would have to parse a manifest first. */
  desiredPending(namespace: string, name: string, revision: number): boolean {
    const drift = this.entryFor(namespace, name, revision)?.drift;
    return !!drift && 'manifest' in drift;
  }

  /** Summaries of the newest revision of every release; labels only for an unreadable one. */
  latestSummaries(): TReleaseSummary[] {
    // Page views far outnumber changes: reuse the list until the store changes.
    if (this.latestMemo?.at === this.changes) return this.latestMemo.list;
    const list = this.latest().map(
      (l) => this.summary(l.namespace, l.name, l.revision) ?? labelsOnly(l),
    );
    this.latestMemo = { at: this.changes, list };
    return list;
  }
}
