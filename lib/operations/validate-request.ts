// Checks an operation request before anything runs: shape (zod), the
// configuration (environment, cluster, release, allowed charts), the values
// (YAML, size, nesting) and, against the cluster, the chart schema and the
// rollback revision. Cheap checks come first; the ones that run helm last.
import path from 'node:path';
import { z } from 'zod';
import {
  chartKind,
  findCluster,
  findEnvironment,
  findRelease,
  chartRefusalIn,
  RELEASE_NAME,
  RELEASE_NAME_MAX,
  resolveValuesFiles,
  toChartRef,
  type TCluster,
  type TEnvironment,
  type TRelease,
} from '@/lib/config';
import { HelmError, helmTemplate } from '@/lib/helm';
import { OperationInputError } from './errors';
import { helmTarget, releaseRevisions, type TRevisionState } from './release-state';
import { operationsRuntime } from './runtime';
import { parseValuesYaml, valuesDigest } from './values-input';

export const OPERATION_KINDS = [
  'install',
  'upgrade',
  'rollback',
  'uninstall',
  'test',
  'recover',
] as const;
export type TOperationKind = (typeof OPERATION_KINDS)[number];

const ZName = z.string().trim().min(1, 'required').max(63, 'at most 63 characters');

export const ZReleaseNameInput = z
  .string()
  .min(1, 'required')
  .refine((s) => !s.startsWith('-'), 'must not start with "-"')
  .refine(
    (s) => s.length <= RELEASE_NAME_MAX,
    `at most ${RELEASE_NAME_MAX} characters (helm's limit)`,
  )
  .refine(
    (s) => RELEASE_NAME.test(s),
    'lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

export const ZOperationParams = z.strictObject({
  /** Chart reference; defaults to the release's configured chart. Must be allow-listed. */
  chart: z.string().trim().min(1).max(512).optional(),
  version: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\w.+-]+$/, 'a chart version like 1.4.0')
    .optional(),
  imageTag: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'an image tag: letters, digits, "_", "." and "-"')
    .optional(),
  /** Values as YAML text, applied over the environment's values files. */
  values: z.string().optional(),
  /** Rollback target; the previous revision when omitted. */
  revision: z.number().int().positive().optional(),
});
export type TOperationParams = z.infer<typeof ZOperationParams>;

export const ZOperationRequest = z.object({
  kind: z.enum(OPERATION_KINDS),
  environment: ZName,
  cluster: ZName,
  release: ZReleaseNameInput,
  params: ZOperationParams.default({}),
});
export type TOperationRequestInput = z.input<typeof ZOperationRequest>;

/** A request that passed the configuration checks; `checkAgainstCluster` finishes the job. */
export type TValidatedRequest = {
  kind: TOperationKind;
  environment: TEnvironment;
  cluster: TCluster;
  release: string;
  configured: TRelease;
  params: TOperationParams;
  /** What helm deploys: a local path, repo/name or oci:// reference. */
  chart?: { ref: string; helmRef: string; version?: string };
  valuesFiles: string[];
  values: Record<string, unknown>;
  valuesDigest?: string;
  revisions?: TRevisionState[];
  revisionBefore?: number;
  targetRevision?: number;
};

/** Shape and configuration checks; throws OperationInputError listing every problem. */
export function validateRequest(input: unknown): TValidatedRequest {
  const parsed = ZOperationRequest.safeParse(input);
  if (!parsed.success) {
    throw new OperationInputError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`),
    );
  }
  const req = parsed.data;
  const { config } = operationsRuntime();
  const problems: string[] = [];
  const environment = findEnvironment(config, req.environment);
  const cluster = environment ? findCluster(environment, req.cluster) : undefined;
  const configured = findRelease(config, req.release);
  if (!environment) problems.push(`environment: "${req.environment}" is not in the configuration`);
  else if (!cluster)
    problems.push(`cluster: "${req.cluster}" is not a cluster of ${environment.name}`);
  if (!configured) problems.push(`release: "${req.release}" is not a release in the configuration`);
  else if (environment && !configured.promotion.includes(environment.name)) {
    problems.push(
      `release: ${req.release} is not deployed to ${environment.name} (its promotion path is ${configured.promotion.join(', ')})`,
    );
  }
  const deploys = req.kind === 'install' || req.kind === 'upgrade';
  const p = req.params;
  if (!deploys) {
    for (const key of ['chart', 'version', 'imageTag', 'values'] as const) {
      if (p[key] !== undefined) problems.push(`params.${key}: not used by ${req.kind}`);
    }
  }
  if (req.kind !== 'rollback' && p.revision !== undefined)
    problems.push(`params.revision: only a rollback takes a revision`);
  let values: Record<string, unknown> = {};
  if (p.values !== undefined) {
    const v = parseValuesYaml(p.values);
    if (v.ok) values = v.values;
    else problems.push(v.problem);
  }
  let chart: TValidatedRequest['chart'];
  if (deploys && configured) {
    const ref = p.chart ?? configured.chart;
    const version = p.version ?? configured.version;
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
  }
  if (problems.length > 0 || !environment || !cluster || !configured)
    throw new OperationInputError(problems);
  if (p.imageTag !== undefined) {
    const image =
      typeof values.image === 'object' && values.image !== null && !Array.isArray(values.image)
        ? values.image
        : {};
    values = { ...values, image: { ...image, tag: p.imageTag } };
  }
  // A chart picked by the request keeps the configured release's values files only when it is the same chart.
  const valuesFiles =
    deploys && (!chart || chart.ref === configured.chart)
      ? resolveValuesFiles(config, configured, environment, cluster.name)
      : [];
  return {
    kind: req.kind,
    environment,
    cluster,
    release: req.release,
    configured,
    params: p,
    chart,
    valuesFiles,
    values,
    valuesDigest: deploys ? valuesDigest(values) : undefined,
  };
}

/** Checks that need the cluster or helm: release present or absent, revision, chart schema. */
export async function checkAgainstCluster(v: TValidatedRequest): Promise<TValidatedRequest> {
  const loc = { environment: v.environment, cluster: v.cluster, release: v.release };
  let revisions: TRevisionState[];
  try {
    revisions = await releaseRevisions(loc);
  } catch {
    throw new OperationInputError([
      `cluster: ${v.cluster.name} cannot be reached to check the release; try again`,
    ]);
  }
  const latest = revisions.at(-1);
  const where = `${v.environment.name}/${v.cluster.name}`;
  if (v.kind === 'install' && latest && latest.status !== 'uninstalled') {
    throw new OperationInputError([
      `release: ${v.release} is already installed in ${where}; upgrade it instead`,
    ]);
  }
  if (v.kind !== 'install' && v.kind !== 'recover' && !latest) {
    throw new OperationInputError([`release: ${v.release} is not installed in ${where}`]);
  }
  if (v.kind === 'recover' && (!latest || !latest.status.startsWith('pending-'))) {
    throw new OperationInputError([
      `release: ${v.release} in ${where} is not stuck in a pending state; nothing to recover`,
    ]);
  }
  if (v.kind !== 'recover' && latest?.status.startsWith('pending-')) {
    throw new OperationInputError([
      `release: ${v.release} in ${where} is stuck in ${latest.status}; recover it first`,
    ]);
  }
  let targetRevision: number | undefined;
  if (v.kind === 'rollback') {
    if (v.params.revision !== undefined) {
      targetRevision = v.params.revision;
      if (!revisions.some((r) => r.revision === targetRevision)) {
        const oldest = revisions[0]?.revision ?? 0;
        const why =
          targetRevision < oldest ? 'it was pruned by the history limit' : 'it does not exist';
        throw new OperationInputError([
          `params.revision: ${v.release} has no revision ${targetRevision} in ${where} (${why}; kept: ${revisions.map((r) => r.revision).join(', ')})`,
        ]);
      }
      if (targetRevision === latest?.revision)
        throw new OperationInputError([
          `params.revision: ${targetRevision} is the current revision`,
        ]);
    } else {
      targetRevision = revisions.at(-2)?.revision;
      if (targetRevision === undefined)
        throw new OperationInputError([
          `release: ${v.release} has no earlier revision to roll back to`,
        ]);
    }
  }
  if ((v.kind === 'install' || v.kind === 'upgrade') && v.chart) await checkChartValues(v);
  return { ...v, revisions, revisionBefore: latest?.revision, targetRevision };
}

// helm checks values against values.schema.json when it renders; a local render needs no cluster.
async function checkChartValues(v: TValidatedRequest): Promise<void> {
  const chart = v.chart!;
  try {
    await helmTemplate(helmTarget(v, { namespace: v.environment.namespace }), {
      release: v.release,
      chart: chart.helmRef,
      version: chart.version,
      valuesFiles: v.valuesFiles,
      values: v.values,
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

export const chartLabel = (v: TValidatedRequest) =>
  v.chart ? path.basename(v.chart.ref) : undefined;
