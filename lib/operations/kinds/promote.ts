// Promote: put one build (chart version + archive digest + image tag) on one
// cluster of a promotion, with that environment's own values layers. Installs
// when the release is absent; helm rolls back by itself when the rollout
// fails. The archive is the one the digest names, never the source as it is now.
import { z } from 'zod';
import { chartCacheDir, resolveChart } from '@/lib/charts';
import { findRelease, resolveValuesFiles } from '@/lib/config';
import { env } from '@/lib/env';
import { helmUpgrade } from '@/lib/helm';
import { operationsRuntime } from '../runtime';
import { valuesDigest, ZImageTag } from '@/lib/values';
import { refusePending } from './cluster-checks';
import { defineKind } from './kind';

export const ZPromoteParams = z.strictObject({
  version: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w.+-]+$/, 'a chart version like 1.4.0'),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a chart archive digest sha256:<64 hex>'),
  imageTag: ZImageTag,
  promotionId: z.number().int().positive(),
  stepId: z.number().int().positive(),
});
export type TPromoteParams = z.output<typeof ZPromoteParams>;

export const promote = defineKind({
  name: 'promote',
  params: ZPromoteParams,
  gate: 'ticket',
  flagLayer: true,
  plan({ config, configured, environment, cluster, params }) {
    const values = { image: { tag: params.imageTag } };
    return {
      chart: { ref: configured.chart, helmRef: configured.chart, version: params.version },
      chartVersion: params.version,
      valuesFiles: resolveValuesFiles(config, configured, environment, cluster.name),
      values,
      requestedValues: {},
      valuesDigest: valuesDigest(values),
      imageTag: params.imageTag,
    };
  },
  check(ctx) {
    refusePending(ctx);
    return {};
  },
  async execute(ctx) {
    const { config } = operationsRuntime();
    const release = findRelease(config, ctx.op.release);
    if (!release) throw new Error(`release ${ctx.op.release} is no longer in the configuration`);
    const target = ctx.helmTarget({ quietStdout: true });
    const chart = await resolveChart({
      config,
      release,
      version: ctx.params.version,
      digest: ctx.params.digest,
      cacheDir: chartCacheDir(env().HELMDECK_DATA_DIR),
      helm: target.helm,
    });
    ctx.log.line('info', `chart ${chart.name} ${chart.version} (${chart.digest})`);
    const environment = ctx.location.environment;
    const r = await helmUpgrade(target, {
      release: ctx.location.release,
      chart: chart.archive,
      install: true,
      createNamespace: true,
      valuesFiles: ctx.plan.valuesFiles,
      values: ctx.plan.values,
      rollbackOnFailure: true,
      wait: 'watcher',
      timeout: environment.timeout,
      historyMax: environment.historyMax,
      description: ctx.description,
    });
    return {
      state: 'succeeded',
      revisionAfter: r.version,
      exitStatus: 0,
      details: { chartVersion: chart.version, chartDigest: chart.digest },
    };
  },
});
