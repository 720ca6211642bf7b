// Kubernetes API access: kubeconfig contexts, cached clients per cluster, reachability.
export {
  assertContextsExist,
  checkClusters,
  MissingContextsError,
  type TCheckOptions,
  type TClusterCheck,
} from './check-clusters';
export {
  createClusterClients,
  getClusterClients,
  getKubeConfig,
  resetKubeClients,
  type TClusterClients,
} from './clients';
export {
  IN_CLUSTER_CONTEXT,
  KubeContextError,
  kubeConfigForContext,
  kubeconfigFiles,
  listContexts,
  loadKubeConfig,
  type TKubeConfigSource,
} from './kubeconfig';
export { describeKubeError, withTimeout } from './request-options';
