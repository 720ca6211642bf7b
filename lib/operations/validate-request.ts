// Checks an operation request before anything runs: the envelope (zod), the
// configuration (environment, cluster, release), the kind's own params and
// plan, then, against the cluster, what the kind's check asks. Cheap checks
// come first; the ones that call the cluster or run helm last.
import { z } from 'zod';
import {
  findCluster,
  findEnvironment,
  findRelease,
  RELEASE_NAME,
  RELEASE_NAME_MAX,
} from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { flagLayer } from '@/lib/flags/store';
import { mergeValues } from '@/lib/strategies/values-layers';
import { OperationInputError } from './errors';
import { installedAndSettled } from './kinds/cluster-checks';
import {
  kindOf,
  OPERATION_KINDS,
  type TCheckedRequest,
  type TKindRequest,
  type TOperationKind,
} from './kinds';
import { releaseRevisions, type TRevisionState } from './release-state';
import { operationsRuntime } from './runtime';
import { valuesDigest } from '@/lib/values';

export { OPERATION_KINDS, type TOperationKind };

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

/** The envelope every kind shares; `params` is checked by the kind's own schema. */
export const ZOperationRequest = z.object({
  kind: z.enum(OPERATION_KINDS as [TOperationKind, ...TOperationKind[]]),
  environment: ZName,
  cluster: ZName,
  release: ZReleaseNameInput,
  params: z.record(z.string(), z.unknown()).default({}),
});
export type TOperationRequestInput = z.input<typeof ZOperationRequest>;

/** A request that passed the configuration checks; `checkAgainstCluster` finishes the job. */
export type TValidatedRequest = TKindRequest<unknown>;

const problemsOf = (issues: z.core.$ZodIssue[], prefix: string, kind?: string) =>
  issues.flatMap((i) => {
    const at = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys' && kind)
      return i.keys.map((k) => `${[at, k].join('.')}: not used by ${kind}`);
    return [`${at || 'request'}: ${i.message}`];
  });

/** Shape and configuration checks; throws OperationInputError listing every problem. */
export function validateRequest(input: unknown): TValidatedRequest {
  const parsed = ZOperationRequest.safeParse(input);
  if (!parsed.success) throw new OperationInputError(problemsOf(parsed.error.issues, ''));
  const req = parsed.data;
  const def = kindOf(req.kind);
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
  const params = def.params.safeParse(req.params);
  if (!params.success) problems.push(...problemsOf(params.error.issues, 'params', req.kind));
  if (problems.length > 0 || !environment || !cluster || !configured || !params.success)
    throw new OperationInputError(problems);
  const kindInput = {
    config,
    environment,
    cluster,
    release: req.release,
    configured,
    params: params.data,
  };
  const plan = def.plan?.(kindInput, problems) ?? {};
  if (problems.length > 0) throw new OperationInputError(problems);
  return {
    ...kindInput,
    ...plan,
    kind: req.kind,
    helmRelease: def.helmRelease?.(req.release, params.data) ?? req.release,
  };
}

/** The place's stored feature flag values, merged over the request's values as the last layer. */
async function withFlags(v: TValidatedRequest): Promise<TValidatedRequest> {
  const layer = await flagLayer(await getPrisma(), v.configured, {
    environment: v.environment.name,
    cluster: v.cluster.name,
    release: v.release,
  });
  if (Object.keys(layer).length === 0) return v;
  const values = mergeValues(v.values ?? {}, layer);
  return { ...v, values, valuesDigest: valuesDigest(values) };
}

/** Checks that need the cluster or helm, as the kind defines them. */
export async function checkAgainstCluster(v: TValidatedRequest): Promise<TCheckedRequest<unknown>> {
  let revisions: TRevisionState[];
  try {
    revisions = await releaseRevisions({
      environment: v.environment,
      cluster: v.cluster,
      release: v.helmRelease,
    });
  } catch {
    throw new OperationInputError([
      `cluster: ${v.cluster.name} cannot be reached to check the release; try again`,
    ]);
  }
  const latest = revisions.at(-1);
  const def = kindOf(v.kind);
  const request = def.flagLayer ? await withFlags(v) : v;
  const ctx = { ...request, revisions, latest, where: `${v.environment.name}/${v.cluster.name}` };
  const { targetRevision } = await (def.check ? def.check(ctx) : installedAndSettled(ctx));
  return { ...request, revisions, revisionBefore: latest?.revision, targetRevision };
}
