// Faults on demand, per cluster, so tests can see how Helmdeck copes with a
// cluster that is down, slow, or failing: set from the library API or from
// the admin endpoint (`/sandbox/faults`, admin token).
import { z } from 'zod';

const duration = z.number().int().positive().optional();

export const ZFault = z.discriminatedUnion('kind', [
  /** Connections are closed without an answer. */
  z.object({ kind: z.literal('unreachable'), durationMs: duration }),
  /** Every answer is delayed. */
  z.object({
    kind: z.literal('latency'),
    ms: z.number().int().min(0).max(600_000),
    durationMs: duration,
  }),
  /** Every API request is answered with this status (500 or 429, with Retry-After for 429). */
  z.object({
    kind: z.literal('error'),
    status: z.union([z.literal(500), z.literal(429)]),
    retryAfterSeconds: z.number().int().min(0).optional(),
    durationMs: duration,
  }),
]);
export type TFault = z.infer<typeof ZFault>;

interface TActive {
  fault: TFault;
  until?: number;
}

export class Faults {
  private readonly byCluster = new Map<string, Map<TFault['kind'], TActive>>();

  /** Sets (or replaces) the fault of this kind on a cluster. */
  set(cluster: string, fault: TFault): void {
    const parsed = ZFault.parse(fault);
    let faults = this.byCluster.get(cluster);
    if (!faults) this.byCluster.set(cluster, (faults = new Map()));
    faults.set(parsed.kind, {
      fault: parsed,
      until: parsed.durationMs ? Date.now() + parsed.durationMs : undefined,
    });
  }

  /** Clears one cluster's faults, or every cluster's. */
  clear(cluster?: string): void {
    if (cluster === undefined) this.byCluster.clear();
    else this.byCluster.delete(cluster);
  }

  /** The faults in force on a cluster now (expired ones are dropped). */
  active(cluster: string): TFault[] {
    const faults = this.byCluster.get(cluster);
    if (!faults) return [];
    const now = Date.now();
    for (const [kind, a] of faults)
      if (a.until !== undefined && a.until <= now) faults.delete(kind);
    return [...faults.values()].map((a) => a.fault);
  }
}
