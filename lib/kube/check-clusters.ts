// Reachability of every configured cluster, checked in parallel with a
// short timeout each: one slow or dead cluster never hides the others.
import type { KubeConfig } from '@kubernetes/client-node';
import type { THelmdeckConfig } from '@/lib/config';
import { createClusterClients, getClusterClients, getKubeConfig } from './clients';
import { KubeContextError, listContexts, type TKubeConfigSource } from './kubeconfig';
import { describeKubeError, withTimeout } from './request-options';

export type TClusterCheck = {
  environment: string;
  cluster: string;
  context: string;
  reachable: boolean;
  /** e.g. "v1.35.0" */
  serverVersion?: string;
  error?: string;
  latencyMs: number;
};

export type TCheckOptions = {
  timeoutMs?: number;
  /** Defaults to the process-wide kubeconfig and cached clients. */
  kubeConfig?: KubeConfig;
  source?: TKubeConfigSource;
};

async function checkOne(
  environment: string,
  cluster: string,
  context: string,
  opts: TCheckOptions,
): Promise<TClusterCheck> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const started = performance.now();
  const result = (reachable: boolean, extra: Partial<TClusterCheck>): TClusterCheck => ({
    environment,
    cluster,
    context,
    reachable,
    latencyMs: Math.round(performance.now() - started),
    ...extra,
  });
  try {
    const clients = opts.kubeConfig
      ? createClusterClients(opts.kubeConfig, context, opts.source)
      : getClusterClients(context);
    const info = await clients.version.getCode(undefined, withTimeout(timeoutMs));
    return result(true, { serverVersion: info.gitVersion });
  } catch (e) {
    if (e instanceof KubeContextError) return result(false, { error: e.message });
    return result(false, { error: describeKubeError(e, timeoutMs) });
  }
}

/** One entry per environment × cluster, in configuration order. */
export function checkClusters(
  config: Pick<THelmdeckConfig, 'environments'>,
  opts: TCheckOptions = {},
): Promise<TClusterCheck[]> {
  return Promise.all(
    config.environments.flatMap((env) =>
      env.clusters.map((c) => checkOne(env.name, c.name, c.context, opts)),
    ),
  );
}

/** Contexts named in helmdeck.yaml that the kubeconfig lacks. */
export class MissingContextsError extends Error {
  constructor(
    message: string,
    readonly missing: Array<{ environment: string; cluster: string; context: string }>,
    readonly available: string[],
  ) {
    super(message);
    this.name = 'MissingContextsError';
  }
}

/** Startup check: every context helmdeck.yaml names exists; one error lists all that do not. */
export function assertContextsExist(
  config: Pick<THelmdeckConfig, 'environments'>,
  kubeConfig?: KubeConfig,
): void {
  const kc = kubeConfig ?? getKubeConfig().kubeConfig;
  const available = listContexts(kc);
  const missing = config.environments.flatMap((env) =>
    env.clusters
      .filter((c) => !available.includes(c.context))
      .map((c) => ({ environment: env.name, cluster: c.name, context: c.context })),
  );
  if (missing.length > 0) {
    const source = kubeConfig ? undefined : getKubeConfig().source;
    const where = source?.files.length
      ? source.files.join(', ')
      : 'KUBECONFIG (unset) or ~/.kube/config (missing)';
    const list = missing.map((m) => `${m.environment}/${m.cluster} -> "${m.context}"`).join('; ');
    throw new MissingContextsError(
      `kube contexts named in helmdeck.yaml are missing from ${where}: ${list}. ` +
        `Available contexts: ${available.length ? available.join(', ') : 'none'}. Fix helmdeck.yaml or KUBECONFIG.`,
      missing,
      available,
    );
  }
}
