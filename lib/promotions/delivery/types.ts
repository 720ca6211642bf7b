// How a build reaches one cluster of an environment. A strategy is a pure
// step function over what it has done so far (the operations it asked for
// and their outcomes), so the orchestrator can call it again after a crash
// and never queue anything twice. Standard is here; blue/green and canary
// plug in through the registry.
import type { TCluster, TEnvironment, TRelease } from '@/lib/config';
import type { TClusterClients } from '@/lib/kube';

export type TBuild = {
  chart: { ref: string; name: string; version: string; digest: string };
  imageTag: string;
};

export type TDeliveryTarget = {
  release: TRelease;
  environment: TEnvironment;
  cluster: TCluster;
  build: TBuild;
  promotionId: number;
  stepId: number;
  /** The helm revision live before this step (null: not installed). */
  revisionBefore: number | null;
};

/** An operation to queue next: a kind of the operation registry and its params. */
export type TDeliveryAction = {
  kind: string;
  /** The logical release (the lock); the kind says which helm release it changes. */
  release: string;
  params: Record<string, unknown>;
  label: string;
};

export type TDeliveryHistory = Array<{
  action: TDeliveryAction;
  operationId: number;
  state: string;
  revisionAfter: number | null;
}>;

export type TDeliveryNext =
  | { next: TDeliveryAction }
  | {
      done: true;
      /** What to verify and watch: the helm release now running the build. */
      watch: { helmRelease: string; track?: string; revision: number | null };
    }
  | { failed: string };

export type TDeliveryStrategy = {
  name: string;
  next(
    target: TDeliveryTarget,
    history: TDeliveryHistory,
    ctx: { kube: TClusterClients },
  ): Promise<TDeliveryNext>;
  /** The action that puts back what ran before the step; null when there is nothing to return to. */
  restore(target: TDeliveryTarget, history: TDeliveryHistory): TDeliveryAction | null;
};
