// Who made each revision shown: the read model asks a resolver that knows
// the operations in Postgres (set at server start; lib/provenance). Without
// one, as in tests of the read model alone, origins stay unknown.
import type { TOrigin } from '@/lib/releases/provenance';
import type { TReleaseSummary } from '@/lib/releases/summary';

export interface TOriginResolver {
  /** Increments whenever what it knows changes; keys memoised overviews. */
  version(): number;
  /** The origin of one revision of a helm release in a cluster. */
  resolve(
    cluster: string,
    namespace: string,
    release: string,
    rev: { revision: number; description: string },
  ): TOrigin;
}

/** The summary with its verified origin and actor; unchanged when either is unknown. */
export function withOrigin(
  s: TReleaseSummary,
  cluster: string,
  origins: TOriginResolver | null,
): TReleaseSummary {
  if (!origins || s.description === undefined) return s;
  const origin = origins.resolve(cluster, s.namespace, s.name, {
    revision: s.revision,
    description: s.description,
  });
  return { ...s, origin, deployedBy: origin.by === 'helmdeck' ? origin.actor : null };
}
