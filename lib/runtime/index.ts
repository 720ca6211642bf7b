// What every part of Helmdeck runs against: the configuration, the
// kubeconfig with the Kubernetes clients made from it (reads and writes),
// and the helm binary. Defaults come from the process (HELMDECK_CONFIG,
// KUBECONFIG, HELM_BIN); tests and tools point it elsewhere with configureRuntime.
import { getConfig, type THelmdeckConfig } from '@/lib/config';
import { env } from '@/lib/env';
import type { THelmBinary } from '@/lib/helm';
import {
  createClusterClients,
  getClusterClients,
  loadKubeConfig,
  type TClusterClients,
} from '@/lib/kube';
import { kubeWriter, type TKubeWriter } from '@/lib/kube/write-client';

export type TRuntime = {
  config: THelmdeckConfig;
  /** kubeconfig file; unset: KUBECONFIG, ~/.kube/config or the in-cluster service account. */
  kubeconfig?: string;
  /** The helm binary; unset: resolved from HELM_BIN, PATH or the bundled one. */
  helm?: THelmBinary;
};

type TState = { override: Partial<TRuntime>; clients: Map<string, TClusterClients> };
// On globalThis: Next may load this module more than once in one process.
const state: TState = ((globalThis as { __helmdeckRuntime?: TState }).__helmdeckRuntime ??= {
  override: {},
  clients: new Map(),
});

/** Overrides parts of the runtime (tests, scripts); call with {} to go back to the defaults. */
export function configureRuntime(runtime: Partial<TRuntime>): void {
  state.override = runtime;
  state.clients.clear();
}

export function runtime(): TRuntime {
  const o = state.override;
  return {
    config: o.config ?? getConfig(),
    kubeconfig: o.kubeconfig ?? env().KUBECONFIG,
    helm: o.helm,
  };
}

/** The configuration Helmdeck runs with. */
export const runtimeConfig = (): THelmdeckConfig => runtime().config;

/** Kubernetes clients of a context (cached per context), from the runtime's kubeconfig. */
export function kubeClients(context: string): TClusterClients {
  const file = state.override.kubeconfig;
  if (!file) return getClusterClients(context);
  let c = state.clients.get(context);
  if (!c) {
    const { kubeConfig, source } = loadKubeConfig({ files: [file] });
    c = createClusterClients(kubeConfig, context, source);
    state.clients.set(context, c);
  }
  return c;
}

/** The write client of a context: one PATCH of one object (routers, canary weights). */
export function kubeWrites(context: string): TKubeWriter {
  return kubeWriter(kubeClients(context));
}
