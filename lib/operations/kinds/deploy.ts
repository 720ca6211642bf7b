// What install and upgrade share: a chart (the configured one or an
// allow-listed other), values YAML over the environment's values files, an
// image tag; checked by rendering, previewed by helm's server-side dry run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  chartKind,
  chartRefusalIn,
  findRelease,
  resolveValuesFiles,
  toChartRef,
} from '@/lib/config';
import { HelmError, helmInstall, helmTemplate, helmUpgrade } from '@/lib/helm';
import { diffReleases } from '@/lib/releases/diff';
import { parseReleaseJson } from '@/lib/releases/release-secret';
import { OperationInputError } from '../errors';
import type { TOperationPreview } from '../operation-preview';
import { helmTarget } from '../release-state';
import { operationsRuntime } from '../runtime';
import { parseValuesYaml, valuesDigest, ZImageTag } from '@/lib/values';
import type {
  TCheckContext,
  TExecuteContext,
  TKindInput,
  TKindPlan,
  TPreviewContext,
} from './kind';
import { notInstalled, storedRevision } from './release-diff';
import { deployChart, recordDeployChart } from './deploy-chart';

export const ZDeployParams = z.strictObject({
  /** Chart reference; defaults to the release's configured chart. Must be allow-listed. */
  chart: z.string().trim().min(1).max(512).optional(),
  version: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\w.+-]+$/, 'a chart version like 1.4.0')
    .optional(),
  imageTag: ZImageTag.optional(),
  /** Values as YAML text, applied over the environment's values files. */
  values: z.string().optional(),
});
export type TDeployParams = z.output<typeof ZDeployParams>;

// A local chart has no version in the request: the one that deploys is its Chart.yaml's.
function localChartVersion(dir: string): string | null {
  try {
    const meta = parseYaml(readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')) as {
      version?: unknown;
    };
    return typeof meta?.version === 'string' ? meta.version : null;
  } catch {
    return null;
  }
}

/** Chart, values files and values of a deploy; problems are pushed, not thrown. */
export function planDeploy(input: TKindInput<TDeployParams>, problems: string[]): TKindPlan {
  const { config, configured, environment, cluster, params: p } = input;
  let requested: Record<string, unknown> = {};
  if (p.values !== undefined) {
    const v = parseValuesYaml(p.values);
    if (v.ok) requested = v.values;
    else problems.push(v.problem);
  }
  const ref = p.chart ?? configured.chart;
  const version = p.version ?? configured.version;
  let chart: TKindPlan['chart'];
  const refusal =
    chartKind(ref) === 'invalid'
      ? 'is not a chart reference (./path, repo/name or oci://...)'
      : p.chart !== undefined
        ? chartRefusalIn(config, ref)
        : null;
  if (refusal) problems.push(`params.chart: "${ref.slice(0, 80)}" ${refusal}`);
  else {
    const r = toChartRef(ref, version, config.source.dir);
    if (r.kind === 'local' && p.version !== undefined)
      problems.push('params.version: a local chart has no version to choose');
    chart = {
      ref,
      helmRef: r.kind === 'local' ? r.path : ref,
      version: r.kind === 'local' ? undefined : version,
    };
  }
  let values = requested;
  if (p.imageTag !== undefined) {
    const image =
      typeof values.image === 'object' && values.image !== null && !Array.isArray(values.image)
        ? values.image
        : {};
    values = { ...values, image: { ...image, tag: p.imageTag } };
  }
  // A chart picked by the request keeps the configured release's values files only when it is the same chart.
  const valuesFiles =
    !chart || chart.ref === configured.chart
      ? resolveValuesFiles(config, configured, environment, cluster.name)
      : [];
  return {
    chart,
    chartVersion: chart ? (chart.version ?? localChartVersion(chart.helmRef)) : null,
    valuesFiles,
    values,
    requestedValues: requested,
    valuesDigest: valuesDigest(values),
    imageTag: p.imageTag,
  };
}

// helm checks values against values.schema.json when it renders; a local render needs no cluster.
export async function checkRenders(ctx: TCheckContext<TDeployParams>): Promise<void> {
  if (!ctx.chart) return;
  const target = helmTarget(ctx, { namespace: ctx.environment.namespace });
  const chart = await deployChart({ ...ctx, chart: ctx.chart, helm: target.helm });
  try {
    await helmTemplate(target, {
      release: ctx.helmRelease,
      chart: chart.chart,
      version: chart.version,
      valuesFiles: ctx.valuesFiles ?? [],
      values: ctx.values ?? {},
    });
  } catch (e) {
    if (!(e instanceof HelmError)) throw e;
    if (e.kind === 'invalid-values' || e.kind === 'invalid-input' || e.kind === 'chart-not-found')
      throw new OperationInputError([e.message]);
    throw new OperationInputError([
      `the chart does not render with these values: ${e.detail ?? e.message}`,
    ]);
  }
}

/** The live revision against helm's server-side dry run of the install or upgrade. */
export async function previewDeploy(
  ctx: TPreviewContext<TDeployParams>,
  kind: 'install' | 'upgrade',
): Promise<TOperationPreview> {
  const loc = ctx.location;
  const current = ctx.revisionBefore ? await storedRevision(loc, ctx.revisionBefore) : null;
  const from = current ?? notInstalled(loc);
  const target = helmTarget(loc);
  const chart = await deployChart({ ...ctx, chart: ctx.chart!, helm: target.helm });
  const args = {
    release: ctx.helmRelease,
    chart: chart.chart,
    version: chart.version,
    valuesFiles: ctx.valuesFiles ?? [],
    values: ctx.values ?? {},
    timeout: ctx.environment.timeout,
  };
  let planned: unknown;
  try {
    planned =
      kind === 'install'
        ? await helmInstall(target, { ...args, dryRun: 'server' })
        : await helmUpgrade(target, { ...args, dryRun: 'server' });
  } catch (e) {
    if (e instanceof HelmError) throw new OperationInputError([`the dry run failed: ${e.message}`]);
    throw e;
  }
  const next = parseReleaseJson(JSON.stringify(planned));
  return {
    kind,
    ...diffReleases(from, next, {
      from: current ? `revision ${from.revision} (live)` : 'not installed',
      to: 'after this change',
    }),
  };
}

/**
 * The helm arguments install and upgrade share; the chart and values come
 * from the job. The release's own chart is resolved to its archive here and
 * its version and digest are written on the row before helm runs.
 */
export async function deployArgs(ctx: TExecuteContext<TDeployParams>) {
  const { config } = operationsRuntime();
  const configured = findRelease(config, ctx.op.release);
  const chart =
    configured && ctx.op.chart
      ? await deployChart({
          config,
          configured,
          chart: { ref: ctx.op.chart, helmRef: ctx.plan.chart ?? '', version: ctx.plan.version },
          helm: ctx.helmTarget().helm,
        })
      : { chart: ctx.plan.chart ?? '', version: ctx.plan.version };
  await recordDeployChart(ctx.op.id, chart);
  if ('digest' in chart && chart.digest)
    ctx.log.line('info', `chart ${chart.chartVersion ?? ''} (${chart.digest})`);
  return {
    release: ctx.location.release,
    chart: chart.chart,
    version: chart.version,
    valuesFiles: ctx.plan.valuesFiles,
    values: ctx.plan.values,
    rollbackOnFailure: true,
    wait: 'watcher' as const,
    timeout: ctx.location.environment.timeout,
    description: ctx.description,
  };
}
