// What "Promote to <next>" would do, before confirming: the exact build the
// previous stage runs (chart version, archive digest, image tag), each
// target cluster's change from what runs there now, the waves, and the gates
// that would refuse it (the ticket gate is shown as a need, not a refusal).
import type { TActor } from '@/lib/operations';
import { getOverviewMatrix } from '@/lib/release-view';
import { planPromotion } from './create-promotion';

export type TPromotionPreview = {
  release: string;
  from: string | null;
  to: string;
  build: { chartVersion: string; chartDigest: string; imageTag: string };
  waves: string[][];
  requireTicket: boolean;
  refusals: Array<{ gate: string; reason: string; opensAt: string | null }>;
  clusters: Array<{
    cluster: string;
    wave: number;
    /** What runs there now; null when not installed (the promotion installs it). */
    now: { revision: number; chartVersion: string | null; imageTag: string | null } | null;
    /** Nothing would change: the cluster already runs this chart version and image tag. */
    same: boolean;
    error: string | null;
  }>;
};

export async function previewPromotion(
  actor: TActor,
  input: { release: string; to: string },
): Promise<TPromotionPreview> {
  const plan = await planPromotion({ actor, ...input, ticketId: null });
  const matrix = await getOverviewMatrix();
  const row = matrix.rows.find((r) => r.release === plan.release.name && !r.unlisted);
  const clusters = plan.to.clusters.map((cluster) => {
    const index = matrix.columns.findIndex(
      (c) => c.environment === plan.to.name && c.cluster === cluster.name,
    );
    const cell = index >= 0 ? row?.cells[index] : undefined;
    const r = cell?.state === 'ok' ? cell.release : null;
    const now = r
      ? { revision: r.revision, chartVersion: r.chartVersion, imageTag: r.imageTag }
      : null;
    return {
      cluster: cluster.name,
      wave: plan.details.waves.findIndex((w) => w.includes(cluster.name)),
      now,
      same:
        now !== null &&
        now.chartVersion === plan.build.chartVersion &&
        now.imageTag === plan.build.imageTag,
      error: cell?.state === 'error' ? `cannot read what runs there: ${cell.error ?? ''}` : null,
    };
  });
  return {
    release: plan.release.name,
    from: plan.fromName ?? null,
    to: plan.to.name,
    build: {
      chartVersion: plan.build.chartVersion,
      chartDigest: plan.build.chartDigest,
      imageTag: plan.build.imageTag,
    },
    waves: plan.details.waves,
    requireTicket: plan.to.requireTicket,
    refusals: plan.refusals.map((r) => ({
      gate: r.gate,
      reason: r.reason,
      opensAt: r.opensAt?.toISOString() ?? null,
    })),
    clusters,
  };
}
