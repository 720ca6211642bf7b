// The pipeline page of one release: its stages in promotion order, each with
// what runs on every cluster (from the watch-fed read model), the last
// promotion into it, its verification and how long the build has soaked.
// Readable by whoever may view the release in at least one stage; a stage
// the reader may not view is shown without its clusters.
import { findRelease } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { operationsRuntime, type TActor } from '@/lib/operations';
import { decide } from '@/lib/policy';
import { getOverviewMatrix } from '@/lib/release-view';
import { planWaves } from './waves';

export type TPipelineCluster = {
  cluster: string;
  wave: number;
  installed: boolean;
  chartVersion: string | null;
  imageTag: string | null;
  revision: number | null;
  status: string | null;
  health: string | null;
  ready: number | null;
  desired: number | null;
  lastDeployed: string | null;
  error: string | null;
};

export type TPipelinePromotion = {
  id: number;
  state: string;
  from: string | null;
  chartVersion: string;
  chartDigest: string;
  imageTag: string;
  createdAt: string;
  finishedAt: string | null;
  failedCluster: string | null;
  error: string | null;
};

export type TPipelineStage = {
  environment: string;
  visible: boolean;
  requireTicket: boolean;
  waves: string[][];
  clusters: TPipelineCluster[];
  /** The last promotion into this stage. */
  last: TPipelinePromotion | null;
  /** The verification of the last promotion's build here: passed, failed or not run. */
  verification: 'passed' | 'failed' | null;
  /** Since when the build the last successful promotion brought has run verified here (null: it no longer runs). */
  soakingSince: string | null;
  /** May this reader promote into this stage (policy only; the gates are checked on preview). */
  canPromote: boolean;
};

export type TPipelineView = {
  release: string;
  stages: TPipelineStage[];
  /** A promotion of this release that is not finished. */
  active: TPipelinePromotion | null;
  recent: Array<TPipelinePromotion & { to: string }>;
  readAt: string;
};

type TPromotionRow = {
  id: number;
  state: string;
  fromEnvironment: string | null;
  toEnvironment: string;
  createdAt: Date;
  finishedAt: Date | null;
  failedCluster: string | null;
  error: string | null;
  build: { chartVersion: string; chartDigest: string; imageTag: string };
  steps: Array<{ state: string; verifiedAt: Date | null; trigger: unknown }>;
};

function summary(p: TPromotionRow): TPipelinePromotion {
  return {
    id: p.id,
    state: p.state,
    from: p.fromEnvironment,
    chartVersion: p.build.chartVersion,
    chartDigest: p.build.chartDigest,
    imageTag: p.build.imageTag,
    createdAt: p.createdAt.toISOString(),
    finishedAt: p.finishedAt?.toISOString() ?? null,
    failedCluster: p.failedCluster,
    error: p.error,
  };
}

function verificationOf(p: TPromotionRow | undefined): TPipelineStage['verification'] {
  if (!p) return null;
  const failed = p.steps.some((s) => {
    const check = (s.trigger as { check?: unknown } | null)?.check;
    return typeof check === 'string' && check.startsWith('verify.');
  });
  if (failed) return 'failed';
  const verified = p.steps.filter((s) => s.state !== 'skipped');
  return verified.length > 0 && verified.every((s) => s.verifiedAt) ? 'passed' : null;
}

/** The pipeline of `releaseName`; null when it is not configured or the reader may see none of it. */
export async function getPipelineView(
  actor: TActor,
  releaseName: string,
): Promise<TPipelineView | null> {
  const { config } = operationsRuntime();
  const release = findRelease(config, releaseName);
  if (!release) return null;
  const may = (action: 'view' | 'promote', environment: string) =>
    decide({ user: actor, action, target: { environment, release: release.name } }).allow;
  if (!release.promotion.some((e) => may('view', e))) return null;

  const [matrix, rows] = await Promise.all([
    getOverviewMatrix(),
    (await getPrisma()).promotion.findMany({
      where: { release: release.name },
      orderBy: { createdAt: 'desc' },
      take: 30,
      include: { build: true, steps: { select: { state: true, verifiedAt: true, trigger: true } } },
    }),
  ]);
  const row = matrix.rows.find((r) => r.release === release.name && !r.unlisted);
  const visibleRows = rows.filter((p) => may('view', p.toEnvironment));

  const stages = release.promotion.map((name): TPipelineStage => {
    const environment = config.environments.find((e) => e.name === name)!;
    const visible = may('view', name);
    const waves = planWaves(environment);
    const waveOf = (cluster: string) => waves.findIndex((w) => w.includes(cluster));
    const clusters = visible
      ? environment.clusters.map((c): TPipelineCluster => {
          const index = matrix.columns.findIndex(
            (col) => col.environment === name && col.cluster === c.name,
          );
          const cell = index >= 0 ? row?.cells[index] : undefined;
          const r = cell?.release ?? null;
          return {
            cluster: c.name,
            wave: waveOf(c.name),
            installed: cell?.state === 'ok' && r !== null,
            chartVersion: r?.chartVersion ?? null,
            imageTag: r?.imageTag ?? null,
            revision: r?.revision ?? null,
            status: r?.status ?? null,
            health: r?.health?.health ?? null,
            ready: r?.health?.ready ?? null,
            desired: r?.health?.desired ?? null,
            lastDeployed: r?.lastDeployed ?? null,
            error: cell?.error ?? null,
          };
        })
      : [];
    const into = visible ? rows.filter((p) => p.toEnvironment === name) : [];
    const last = into[0];
    const lastGood = into.find((p) => p.state === 'succeeded');
    // The build soaks while every cluster still runs it.
    const stillRuns =
      lastGood !== undefined &&
      clusters.length > 0 &&
      clusters.every(
        (c) =>
          c.chartVersion === lastGood.build.chartVersion && c.imageTag === lastGood.build.imageTag,
      );
    const verifiedAt = lastGood?.steps
      .map((s) => s.verifiedAt?.getTime() ?? 0)
      .reduce((a, b) => Math.max(a, b), 0);
    return {
      environment: name,
      visible,
      requireTicket: environment.requireTicket,
      waves,
      clusters,
      last: last ? summary(last) : null,
      verification: verificationOf(last),
      soakingSince: stillRuns && verifiedAt ? new Date(verifiedAt).toISOString() : null,
      canPromote: may('promote', name),
    };
  });
  const active = visibleRows.find((p) => ['pending', 'running', 'paused'].includes(p.state));
  return {
    release: release.name,
    stages,
    active: active ? summary(active) : null,
    recent: visibleRows.slice(0, 10).map((p) => ({ ...summary(p), to: p.toEnvironment })),
    readAt: new Date().toISOString(),
  };
}
