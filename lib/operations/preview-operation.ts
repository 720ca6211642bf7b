// What an upgrade, install or rollback would change, before anyone confirms
// it: values and manifest diff of the live release against helm's own
// server-side dry run (or the target revision, for a rollback).
import { HelmError, helmInstall, helmUpgrade } from '@/lib/helm';
import { decide } from '@/lib/policy';
import { diffReleases, type TReleaseDiff } from '@/lib/releases/diff';
import {
  decodeReleaseSecret,
  parseReleaseJson,
  type THelmRelease,
} from '@/lib/releases/release-secret';
import { ForbiddenError, OperationInputError } from './errors';
import { helmTarget, type TReleaseLocation } from './release-state';
import type { TOperationRequest } from './request-operation';
import { kubeClients } from './runtime';
import { checkAgainstCluster, validateRequest } from './validate-request';

export type TOperationPreview = TReleaseDiff & { kind: 'install' | 'upgrade' | 'rollback' };

async function storedRevision(
  loc: TReleaseLocation,
  revision: number,
): Promise<THelmRelease | null> {
  const { core } = kubeClients(loc.cluster.context);
  const list = await core.listNamespacedSecret({
    namespace: loc.environment.namespace,
    labelSelector: `owner=helm,name=${loc.release},version=${revision}`,
  });
  const secret = list.items[0];
  return secret ? decodeReleaseSecret(secret as Parameters<typeof decodeReleaseSecret>[0]) : null;
}

const EMPTY = (loc: TReleaseLocation): THelmRelease => ({
  name: loc.release,
  namespace: loc.environment.namespace,
  revision: 0,
  info: {
    status: 'not installed',
    firstDeployed: null,
    lastDeployed: null,
    description: '',
    notes: '',
  },
  chart: { name: '', version: '', appVersion: null },
  config: {},
  chartValues: {},
  manifest: '',
  hooks: [],
  applyMethod: null,
});

/** The diff the confirmation dialog shows; runs nothing that changes the cluster. */
export async function previewOperation(request: TOperationRequest): Promise<TOperationPreview> {
  const { actor, ...rest } = request;
  const cheap = validateRequest(rest);
  if (cheap.kind !== 'install' && cheap.kind !== 'upgrade' && cheap.kind !== 'rollback') {
    throw new OperationInputError([`kind: ${cheap.kind} has no preview`]);
  }
  const decision = decide({
    user: actor,
    action: cheap.kind,
    target: {
      environment: cheap.environment.name,
      cluster: cheap.cluster.name,
      release: cheap.release,
    },
  });
  if (!decision.allow) throw new ForbiddenError(decision.reason);
  const v = await checkAgainstCluster(cheap);
  const loc: TReleaseLocation = {
    environment: v.environment,
    cluster: v.cluster,
    release: v.release,
  };
  const current = v.revisionBefore ? await storedRevision(loc, v.revisionBefore) : null;
  const from = current ?? EMPTY(loc);
  if (cheap.kind === 'rollback') {
    const target = await storedRevision(loc, v.targetRevision!);
    if (!target)
      throw new OperationInputError([`params.revision: revision ${v.targetRevision} is gone`]);
    return {
      kind: 'rollback',
      ...diffReleases(from, target, {
        from: `revision ${from.revision} (live)`,
        to: `revision ${target.revision}`,
      }),
    };
  }
  const args = {
    release: v.release,
    chart: v.chart!.helmRef,
    version: v.chart!.version,
    valuesFiles: v.valuesFiles,
    values: v.values,
    timeout: v.environment.timeout,
  };
  let planned: unknown;
  try {
    const target = helmTarget(loc);
    planned =
      cheap.kind === 'install'
        ? await helmInstall(target, { ...args, dryRun: 'server' })
        : await helmUpgrade(target, { ...args, dryRun: 'server' });
  } catch (e) {
    if (e instanceof HelmError) throw new OperationInputError([`the dry run failed: ${e.message}`]);
    throw e;
  }
  const next = parseReleaseJson(JSON.stringify(planned));
  return {
    kind: cheap.kind,
    ...diffReleases(from, next, {
      from: current ? `revision ${from.revision} (live)` : 'not installed',
      to: 'after this change',
    }),
  };
}
