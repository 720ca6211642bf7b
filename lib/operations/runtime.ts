// What the write path runs against: the configuration, the kubeconfig and
// the helm binary. Defaults come from the process (HELMDECK_CONFIG,
// KUBECONFIG); tests and tools point it elsewhere with configureOperations.
import {
  createClusterClients,
  loadKubeConfig,
  type TClusterClients,
  getClusterClients,
} from '@/lib/kube';
import { getConfig, type THelmdeckConfig } from '@/lib/config';
import { env } from '@/lib/env';
import type { THelmBinary } from '@/lib/helm';

export type TOperationsRuntime = {
  config: THelmdeckConfig;
  kubeconfig?: string;
  helm?: THelmBinary;
};

let override: Partial<TOperationsRuntime> = {};
const clients = new Map<string, TClusterClients>();

/** Overrides parts of the runtime (tests, scripts); call with {} to go back to the defaults. */
export function configureOperations(runtime: Partial<TOperationsRuntime>): void {
  override = runtime;
  clients.clear();
}

export function operationsRuntime(): TOperationsRuntime {
  return {
    config: override.config ?? getConfig(),
    kubeconfig: override.kubeconfig ?? env().KUBECONFIG,
    helm: override.helm,
  };
}

/** Kubernetes clients of a context, from the runtime's kubeconfig. */
export function kubeClients(context: string): TClusterClients {
  if (!override.kubeconfig) return getClusterClients(context);
  let c = clients.get(context);
  if (!c) {
    const { kubeConfig, source } = loadKubeConfig({ files: [override.kubeconfig] });
    c = createClusterClients(kubeConfig, context, source);
    clients.set(context, c);
  }
  return c;
}
