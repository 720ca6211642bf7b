// The operations in Postgres, held per helm release, so the read model can
// say which operation made a revision without a query per cell. Kept
// current by polling what changed (any instance may run an operation) and
// at once when this process finishes one.
import type { PrismaClient } from '@/lib/db';
import { kindOf, type TOperationKind } from '@/lib/operations/kinds';
import { originOf, type TOperationRef, type TOrigin } from '@/lib/releases/provenance';
import type { TOriginResolver } from '@/lib/release-view/origins';

/** Releases (`namespace/name`) whose operations changed, per cluster. */
export type TOriginChanges = Map<string, Set<string>>;

// Rows written just before the last poll may commit after it: look back a little.
const OVERLAP_MS = 5_000;

const SELECT = {
  id: true,
  kind: true,
  state: true,
  cluster: true,
  namespace: true,
  release: true,
  params: true,
  revisionBefore: true,
  revisionAfter: true,
  updatedAt: true,
  requestedBy: { select: { name: true, email: true } },
} as const;

const placeKey = (cluster: string, namespace: string, release: string) =>
  `${cluster}\u0000${namespace}\u0000${release}`;

/** The helm release an operation changes (blue/green kinds change a colour's release). */
function helmReleaseOf(kind: string, release: string, params: unknown): string {
  const def = kindOf(kind as TOperationKind);
  return def.helmRelease?.(release, (params ?? {}) as never) ?? release;
}

export class OperationIndex implements TOriginResolver {
  private readonly byPlace = new Map<string, TOperationRef[]>();
  private since: Date | null = null;
  private changes = 0;
  private running: Promise<TOriginChanges> | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  version(): number {
    return this.changes;
  }

  resolve(
    cluster: string,
    namespace: string,
    release: string,
    rev: { revision: number; description: string },
  ): TOrigin {
    return originOf(rev, this.byPlace.get(placeKey(cluster, namespace, release)) ?? []);
  }

  /** Reads the operations changed since the last refresh; concurrent calls share one query. */
  refresh(): Promise<TOriginChanges> {
    this.running ??= this.load().finally(() => (this.running = null));
    return this.running;
  }

  private async load(): Promise<TOriginChanges> {
    const from = this.since ? new Date(this.since.getTime() - OVERLAP_MS) : undefined;
    const rows = await this.prisma.operation.findMany({
      where: from ? { updatedAt: { gte: from } } : {},
      select: SELECT,
      orderBy: { updatedAt: 'asc' },
    });
    const changed: TOriginChanges = new Map();
    for (const row of rows) {
      if (!this.since || row.updatedAt > this.since) this.since = row.updatedAt;
      const helmRelease = helmReleaseOf(row.kind, row.release, row.params);
      const key = placeKey(row.cluster, row.namespace, helmRelease);
      const ref: TOperationRef = {
        id: row.id,
        kind: row.kind,
        state: row.state,
        revisionBefore: row.revisionBefore,
        revisionAfter: row.revisionAfter,
        actor: row.requestedBy.name || row.requestedBy.email,
      };
      const list = this.byPlace.get(key) ?? [];
      const at = list.findIndex((o) => o.id === ref.id);
      if (at >= 0 && JSON.stringify(list[at]) === JSON.stringify(ref)) continue;
      if (at >= 0) list[at] = ref;
      else list.push(ref);
      this.byPlace.set(key, list);
      const touched = changed.get(row.cluster) ?? new Set<string>();
      touched.add(`${row.namespace}/${helmRelease}`);
      changed.set(row.cluster, touched);
    }
    if (changed.size > 0) this.changes++;
    return changed;
  }
}
