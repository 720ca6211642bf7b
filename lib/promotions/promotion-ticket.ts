// A change ticket made from a promotion: bound to exactly its build (chart
// version, image tag) and every target cluster, with the diff computed here
// (helm's server-side dry run of the build's archive with the target's
// values against what runs on the first cluster, redacted) and the rollback
// plan filled in: the revision each cluster would return to.
import { chartCacheDir, resolveChart } from '@/lib/charts';
import { resolveValuesFiles } from '@/lib/config';
import { env } from '@/lib/env';
import { HelmError, helmInstall, helmUpgrade } from '@/lib/helm';
import { operationsRuntime, type TActor } from '@/lib/operations';
import { notInstalled, storedRevision } from '@/lib/operations/kinds/release-diff';
import { helmTarget, releaseRevisions } from '@/lib/operations/release-state';
import { diffReleases } from '@/lib/releases/diff';
import { parseReleaseJson } from '@/lib/releases/release-secret';
import { createTicket } from '@/lib/tickets';
import { planPromotion } from './create-promotion';

const HOURS = 3_600_000;

/** Opens a draft ticket for promoting `release` into `to`; the requester submits it as usual. */
export async function createPromotionTicket(
  actor: TActor,
  input: { release: string; to: string },
): Promise<{ id: number }> {
  const plan = await planPromotion({ actor, ...input, ticketId: null });
  const { config } = operationsRuntime();
  const clusters = plan.to.clusters;
  const live = await Promise.all(
    clusters.map(async (cluster) => {
      const revisions = await releaseRevisions({
        environment: plan.to,
        cluster,
        release: plan.release.name,
      });
      return revisions.filter((r) => r.status === 'deployed').at(-1)?.revision ?? null;
    }),
  );
  const first = clusters[0]!;
  const loc = { environment: plan.to, cluster: first, release: plan.release.name };
  const chart = await resolveChart({
    config,
    release: plan.release,
    version: plan.build.chartVersion,
    digest: plan.build.chartDigest,
    cacheDir: chartCacheDir(env().HELMDECK_DATA_DIR),
    helm: operationsRuntime().helm,
  });
  const args = {
    release: plan.release.name,
    chart: chart.archive,
    valuesFiles: resolveValuesFiles(config, plan.release, plan.to, first.name),
    values: { image: { tag: plan.build.imageTag } },
    dryRun: 'server' as const,
    timeout: plan.to.timeout,
  };
  let renderedDiff: string | null = null;
  try {
    const planned = live[0]
      ? await helmUpgrade(helmTarget(loc), args)
      : await helmInstall(helmTarget(loc), args);
    const current = live[0] ? await storedRevision(loc, live[0]) : null;
    const diff = diffReleases(
      current ?? notInstalled(loc),
      parseReleaseJson(JSON.stringify(planned)),
      {
        from: current ? `${first.name} revision ${current.revision} (live)` : 'not installed',
        to: `${plan.build.chartVersion} / ${plan.build.imageTag}`,
      },
    );
    renderedDiff = JSON.stringify({ kind: 'promote', ...diff });
  } catch (e) {
    if (!(e instanceof HelmError)) throw e;
  }
  const now = new Date();
  const row = await createTicket(actor, {
    release: plan.release.name,
    environment: plan.to.name,
    clusters: clusters.map((c) => c.name),
    chartVersion: plan.build.chartVersion,
    imageTag: plan.build.imageTag,
    values: '',
    rollbackPlan: {
      ...(live[0] ? { targetRevision: live[0] } : {}),
      steps: clusters.map((c, i) =>
        live[i]
          ? `${c.name}: roll back to revision ${live[i]}`
          : `${c.name}: uninstall (first install there)`,
      ),
    },
    maintenanceWindow: {
      start: now.toISOString().slice(0, 16) + 'Z',
      end: new Date(now.getTime() + 24 * HOURS).toISOString().slice(0, 16) + 'Z',
      timeZone: 'UTC',
    },
    risk: 'medium',
    title: `Promote ${plan.release.name} ${plan.build.chartVersion} / ${plan.build.imageTag} from ${plan.fromName ?? 'the pipeline'} to ${plan.to.name}`,
    description: [
      `Build: chart ${plan.build.chartName} ${plan.build.chartVersion}, archive ${plan.build.chartDigest}, image ${plan.build.imageTag}.`,
      `Waves: ${plan.details.waves.map((w) => w.join(' + ')).join(' → ')}.`,
      renderedDiff ? '' : 'The diff could not be computed (helm dry run failed).',
    ]
      .filter(Boolean)
      .join('\n'),
    renderedDiff,
  });
  return { id: row.id };
}
