// One set of API clients per kube context, created on first use and kept:
// every page and worker shares the same HTTP agents per cluster.
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  PolicyV1Api,
  VersionApi,
} from '@kubernetes/client-node';
import { kubeConfigForContext, loadKubeConfig, type TKubeConfigSource } from './kubeconfig';

export type TClusterClients = {
  context: string;
  /** API server URL, for messages. */
  server: string;
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  policy: PolicyV1Api;
  version: VersionApi;
  objects: KubernetesObjectApi;
};

/** Builds the clients for one context of a kubeconfig (throws KubeContextError when it is missing). */
export function createClusterClients(
  base: KubeConfig,
  context: string,
  source?: TKubeConfigSource,
): TClusterClients {
  const kc = kubeConfigForContext(base, context, source);
  return {
    context,
    server: kc.getCurrentCluster()?.server ?? '',
    kubeConfig: kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    policy: kc.makeApiClient(PolicyV1Api),
    version: kc.makeApiClient(VersionApi),
    objects: KubernetesObjectApi.makeApiClient(kc),
  };
}

let base: { kubeConfig: KubeConfig; source: TKubeConfigSource } | undefined;
const byContext = new Map<string, TClusterClients>();

/** The kubeconfig from KUBECONFIG (or ~/.kube/config, or in-cluster), loaded once. */
export function getKubeConfig(): { kubeConfig: KubeConfig; source: TKubeConfigSource } {
  base ??= loadKubeConfig();
  return base;
}

/** The cached clients of a kube context. */
export function getClusterClients(context: string): TClusterClients {
  let clients = byContext.get(context);
  if (!clients) {
    const { kubeConfig, source } = getKubeConfig();
    clients = createClusterClients(kubeConfig, context, source);
    byContext.set(context, clients);
  }
  return clients;
}

/** Forgets the kubeconfig and clients (tests, or after KUBECONFIG's file changed). */
export function resetKubeClients(): void {
  base = undefined;
  byContext.clear();
}
