// Which clusters Helmdeck can talk to: the contexts of the kubeconfig files
// in KUBECONFIG (or ~/.kube/config), plus "in-cluster" when Helmdeck runs
// in a pod with a service account.
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import { IN_CLUSTER_CONTEXT } from '@/lib/helm/helm-env';

export { IN_CLUSTER_CONTEXT };

/** A kube context named in helmdeck.yaml is missing from the kubeconfig. */
export class KubeContextError extends Error {
  constructor(
    readonly context: string,
    readonly available: string[],
    where: string,
  ) {
    const list = available.length > 0 ? available.join(', ') : 'none';
    const hint =
      context === IN_CLUSTER_CONTEXT
        ? 'Helmdeck is not running inside Kubernetes (no service account)'
        : `fix the context in helmdeck.yaml or point KUBECONFIG at the right file`;
    super(`kube context "${context}" is not in ${where} (available: ${list}); ${hint}`);
    this.name = 'KubeContextError';
  }
}

/** The kubeconfig files Helmdeck reads, in kubectl's order (the first file wins on name clashes). */
export function kubeconfigFiles(kubeconfig: string | undefined = env().KUBECONFIG): string[] {
  if (kubeconfig) return kubeconfig.split(path.delimiter).filter((f) => f !== '');
  const home = env().HOME;
  const fallback = home ? path.join(home, '.kube', 'config') : undefined;
  return fallback && existsSync(fallback) ? [fallback] : [];
}

function mergeFirstWins(into: KubeConfig, from: KubeConfig): void {
  for (const c of from.clusters) if (!into.getCluster(c.name)) into.addCluster(c);
  for (const u of from.users) if (!into.getUser(u.name)) into.addUser(u);
  for (const c of from.contexts) if (!into.getContextObject(c.name)) into.addContext(c);
  if (!into.currentContext && from.currentContext) into.currentContext = from.currentContext;
}

export type TKubeConfigSource = { files: string[]; inCluster: boolean };

/**
 * Loads and merges kubeconfig files; missing files are skipped as kubectl
 * does. Adds the "in-cluster" context when a service account is mounted.
 */
export function loadKubeConfig(opts: { files?: string[]; inCluster?: boolean } = {}): {
  kubeConfig: KubeConfig;
  source: TKubeConfigSource;
} {
  const files = (opts.files ?? kubeconfigFiles()).filter((f) => existsSync(f));
  const kc = new KubeConfig();
  for (const file of files) {
    const one = new KubeConfig();
    one.loadFromFile(file);
    mergeFirstWins(kc, one);
  }
  const inCluster = opts.inCluster ?? Boolean(env().KUBERNETES_SERVICE_HOST);
  if (inCluster && !kc.getContextObject(IN_CLUSTER_CONTEXT)) {
    const sa = new KubeConfig();
    sa.loadFromCluster();
    const ctx = sa.contexts[0];
    const cluster = sa.clusters[0];
    const user = sa.users[0];
    if (ctx && cluster && user) {
      kc.addCluster({ ...cluster, name: IN_CLUSTER_CONTEXT });
      kc.addUser({ ...user, name: IN_CLUSTER_CONTEXT });
      kc.addContext({
        ...ctx,
        name: IN_CLUSTER_CONTEXT,
        cluster: IN_CLUSTER_CONTEXT,
        user: IN_CLUSTER_CONTEXT,
      });
    }
  }
  return { kubeConfig: kc, source: { files, inCluster } };
}

export function listContexts(kc: KubeConfig): string[] {
  return kc.getContexts().map((c) => c.name);
}

function describeSource(source: TKubeConfigSource | undefined): string {
  if (!source) return 'the kubeconfig';
  if (source.files.length === 0)
    return 'any kubeconfig (KUBECONFIG is unset and ~/.kube/config does not exist)';
  return `the kubeconfig (${source.files.join(', ')})`;
}

/** A copy of the kubeconfig bound to one context, or KubeContextError naming the ones that exist. */
export function kubeConfigForContext(
  base: KubeConfig,
  context: string,
  source?: TKubeConfigSource,
): KubeConfig {
  const ctx = base.getContextObject(context);
  if (!ctx) throw new KubeContextError(context, listContexts(base), describeSource(source));
  const cluster = base.getCluster(ctx.cluster);
  if (!cluster)
    throw new KubeContextError(
      context,
      listContexts(base),
      `${describeSource(source)}: its cluster "${ctx.cluster}" is missing`,
    );
  const kc = new KubeConfig();
  kc.addCluster(cluster);
  const user = base.getUser(ctx.user);
  if (user) kc.addUser(user);
  kc.addContext(ctx);
  kc.setCurrentContext(context);
  return kc;
}
