// The release Secrets of one cluster, keyed namespace/name, with views by
// release and lazy, memoized decoding per (uid, resourceVersion).
import { releaseFromLabels, type TReleaseLabelSummary } from './release-labels';
import { decodeReleaseSecret, type THelmRelease, type TKubeSecret } from './release-secret';
import { summarizeRelease, type TReleaseSummary } from './summary';

// Full releases are large; only the most recently decoded ones stay.
const MAX_DECODED = 100;

type TEntry = { secret: TKubeSecret; labels: TReleaseLabelSummary };

/** resourceVersions are opaque, but real servers use integers: order them when both are. */
export function rvNewer(incoming: string | undefined, held: string | undefined): boolean {
  if (!incoming || !held || !/^\d+$/.test(incoming) || !/^\d+$/.test(held)) return true;
  return BigInt(incoming) > BigInt(held);
}

export function objectKey(obj: TKubeSecret): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

function memoKey(labels: TReleaseLabelSummary): string {
  return `${labels.uid}@${labels.resourceVersion}`;
}

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

export class ReleaseStore {
  private readonly entries = new Map<string, TEntry>();
  private readonly decoded = new Map<string, THelmRelease>();
  private readonly summaries = new Map<string, TReleaseSummary>();
  private changes = 0;
  private latestMemo: { at: number; list: TReleaseSummary[] } | null = null;

  /** Holds the Secret unless what is held is newer; false when it was dropped. */
  put(secret: TKubeSecret): boolean {
    let labels: TReleaseLabelSummary;
    try {
      labels = releaseFromLabels(secret.metadata ?? {});
    } catch {
      return false; // Not a helm release after all; the label selector should keep these out.
    }
    const key = objectKey(secret);
    const held = this.entries.get(key);
    if (held && !rvNewer(labels.resourceVersion, held.labels.resourceVersion)) return false;
    this.remove(key);
    this.entries.set(key, { secret, labels });
    this.changes++;
    return true;
  }

  /** Removes a Secret for a DELETED event unless what is held is newer than the event. */
  delete(obj: TKubeSecret): boolean {
    const key = objectKey(obj);
    const held = this.entries.get(key);
    if (!held || !rvNewer(obj.metadata?.resourceVersion, held.labels.resourceVersion)) return false;
    this.remove(key);
    return true;
  }

  /** Replaces everything with a fresh LIST. */
  replaceAll(items: TKubeSecret[]): void {
    const fresh = new Set(items.map(objectKey));
    for (const key of [...this.entries.keys()]) if (!fresh.has(key)) this.remove(key);
    for (const s of items) {
      const held = this.entries.get(objectKey(s));
      // A relist is the truth, even if its resourceVersion went backwards (restored etcd).
      if (held && held.labels.resourceVersion !== s.metadata?.resourceVersion)
        this.remove(objectKey(s));
      this.put(s);
    }
  }

  private remove(key: string): void {
    const held = this.entries.get(key);
    if (!held) return;
    this.decoded.delete(memoKey(held.labels));
    this.summaries.delete(memoKey(held.labels));
    this.entries.delete(key);
    this.changes++;
  }

  /** Every revision held, from labels only. */
  revisions(): TReleaseLabelSummary[] {
    return [...this.entries.values()].map((e) => e.labels);
  }

  /** The newest revision of each release (what `helm list` shows). */
  latest(): TReleaseLabelSummary[] {
    const best = new Map<string, TReleaseLabelSummary>();
    for (const { labels } of this.entries.values()) {
      const key = `${labels.namespace}/${labels.name}`;
      const held = best.get(key);
      if (!held || labels.revision > held.revision) best.set(key, labels);
    }
    return [...best.values()];
  }

  /** Revisions of one release, newest first. */
  history(namespace: string, name: string): TReleaseLabelSummary[] {
    return this.revisions()
      .filter((r) => r.namespace === namespace && r.name === name)
      .sort((a, b) => b.revision - a.revision);
  }

  private entryFor(namespace: string, name: string, revision: number): TEntry | undefined {
    return this.entries.get(`${namespace}/sh.helm.release.v1.${name}.v${revision}`);
  }

  /** Decoded revision, or null when not held; throws ReleaseSecretError for a corrupt Secret. */
  release(namespace: string, name: string, revision: number): THelmRelease | null {
    const entry = this.entryFor(namespace, name, revision);
    if (!entry) return null;
    const memo = memoKey(entry.labels);
    let r = this.decoded.get(memo);
    if (!r) {
      r = decodeReleaseSecret(entry.secret);
      if (this.decoded.size >= MAX_DECODED)
        this.decoded.delete(this.decoded.keys().next().value ?? '');
      this.decoded.set(memo, r);
    }
    return r;
  }

  /** Overview summary of one revision, decoded once; null when not held or unreadable. */
  summary(namespace: string, name: string, revision: number): TReleaseSummary | null {
    const entry = this.entryFor(namespace, name, revision);
    if (!entry) return null;
    const memo = memoKey(entry.labels);
    let s = this.summaries.get(memo);
    if (!s) {
      try {
        const r = this.decoded.get(memo) ?? decodeReleaseSecret(entry.secret);
        s = summarizeRelease(r);
      } catch {
        return null;
      }
      this.summaries.set(memo, s);
    }
    return s;
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
