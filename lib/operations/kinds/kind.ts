// What one kind of operation is made of. Each kind is one file in this
// folder exporting one object built with defineKind; everything common
// (envelope, policy, locks, queue, audit, progress, reconcile loop) lives in
// lib/operations and calls into the kind at these points.
import type { z } from 'zod';
import type { TCluster, TEnvironment, THelmdeckConfig, TRelease } from '@/lib/config';
import type { THelmTarget } from '@/lib/helm';
import type { TClusterClients } from '@/lib/kube';
import type { TKubeWriter } from '@/lib/kube/write-client';
import type { TOutcome } from '../finish-operation';
import type { TJobPlan } from '../job-plan';
import type { TOperationPreview } from '../operation-preview';
import type { TOperation } from '../operation-row';
import type { TOperationLogger } from '../progress';
import type { TReleaseLocation, TRevisionState } from '../release-state';
import type { TOperationKind } from './names';

/**
 * How the deployment gate treats a kind:
 * - `ticket`: needs an approved change ticket where the environment requires one; freeze windows apply;
 * - `restore`: puts back what already ran (rollback, recover, switch back): exempt from tickets and
 *   freeze windows, audited as `exempt-restore`;
 * - `freeze-only`: no ticket, but not inside a freeze window (helm test).
 */
export type TGateClass = 'ticket' | 'restore' | 'freeze-only';

/** The chart an operation deploys, as recorded (`ref`) and as helm gets it (`helmRef`). */
export type TChartChoice = { ref: string; helmRef: string; version?: string };

/** A request whose envelope passed: the configured place and the kind's own params. */
export type TKindInput<P> = {
  config: THelmdeckConfig;
  environment: TEnvironment;
  cluster: TCluster;
  /** The logical release: the one-operation-at-a-time lock and the audit name it. */
  release: string;
  configured: TRelease;
  params: P;
};

/** What a kind makes of its input before anything reaches the cluster. */
export type TKindPlan = {
  chart?: TChartChoice;
  /** The version the chart deploys (a local chart's Chart.yaml), for the ticket gate. */
  chartVersion?: string | null;
  valuesFiles?: string[];
  /** Values helm gets (they travel in the job only, never in a row or the audit). */
  values?: Record<string, unknown>;
  /** Values as the user wrote them, before the image tag was merged in: what a ticket binds. */
  requestedValues?: Record<string, unknown>;
  valuesDigest?: string;
  imageTag?: string;
};

/** The request after the kind's plan: what the gate, the row and the job are made of. */
export type TKindRequest<P> = TKindInput<P> &
  TKindPlan & {
    kind: TOperationKind;
    /** The helm release this operation changes (the logical release unless the kind says otherwise). */
    helmRelease: string;
  };

/** What the cluster check sees: the helm release's stored revisions, oldest first. */
export type TCheckContext<P> = TKindRequest<P> & {
  revisions: TRevisionState[];
  latest: TRevisionState | undefined;
  /** "environment/cluster", for messages. */
  where: string;
};

/** What a cluster check may add to the request (the rollback target). */
export type TCheckResult = { targetRevision?: number };

/** A checked request, ready for the gate, the row and the job. */
export type TCheckedRequest<P> = TKindRequest<P> & {
  revisions: TRevisionState[];
  revisionBefore?: number;
  targetRevision?: number;
};

export type TPreviewContext<P> = TCheckedRequest<P> & { location: TReleaseLocation };

/** What a kind's execute gets from the worker. */
export type TExecuteContext<P> = {
  op: TOperation;
  params: P;
  plan: TJobPlan;
  /** Environment, cluster and the helm release this operation changes. */
  location: TReleaseLocation;
  /** helm against the cluster; output goes to the operation's log (stdout too unless `quietStdout`). */
  helmTarget(options?: { quietStdout?: boolean }): THelmTarget;
  /** Kubernetes clients of the cluster, for reads. */
  kube: TClusterClients;
  /** Kubernetes writes (patch one object), for kinds that change the cluster without helm. */
  kubeWriter: TKubeWriter;
  log: TOperationLogger;
  /** helm --description: operation id and actor, how reconcile recognises its own revision. */
  description: string;
  /** The helm release's stored revisions now, oldest first. */
  revisions(): Promise<TRevisionState[]>;
};

/** What reconcile gets for an operation whose worker died while it ran. */
export type TReconcileContext<P> = {
  op: TOperation;
  params: P;
  location: TReleaseLocation;
  helmTarget: THelmTarget;
  kube: TClusterClients;
};

export type TOperationKindDef<K extends TOperationKind = TOperationKind, P = unknown> = {
  name: K;
  /** The kind's params (zod; unknown keys are refused naming the kind). */
  params: z.ZodType<P>;
  gate: TGateClass;
  /** A `ticket` kind that the environment may waive tickets for (flag toggles: flagsNeedTicket). */
  ticketRequired?(environment: TEnvironment): boolean;
  /** The place's feature flag values are merged over the kind's values as the last layer. */
  flagLayer?: boolean;
  /** The page must send the release name typed by the user (a guard against a slip). */
  typedConfirmation?: boolean;
  /** Which helm release it changes; the logical release by default (blue/green: `<name>-<colour>`). */
  helmRelease?(release: string, params: P): string;
  /** Configuration checks and what to deploy; push "field: rule" problems instead of throwing. */
  plan?(input: TKindInput<P>, problems: string[]): TKindPlan;
  /** Checks against the cluster; throw OperationInputError. Default: installed and not pending. */
  check?(ctx: TCheckContext<P>): Promise<TCheckResult> | TCheckResult;
  /** The diff a confirmation dialog shows; kinds without one refuse previews. */
  preview?(ctx: TPreviewContext<P>): Promise<TOperationPreview>;
  /** Changes the cluster. A helm failure is thrown (recorded as failed), not returned. */
  execute(ctx: TExecuteContext<P>): Promise<TOutcome>;
  /** Settles an operation whose worker died. Default: what helm's history says. */
  reconcile?(ctx: TReconcileContext<P>): Promise<TOutcome>;
  /** Non-secret params for the Operation row and the job. Default: params without `values`. */
  record?(params: P): Record<string, unknown> | null;
};

/** A kind with its params type inferred from its schema. */
export function defineKind<K extends TOperationKind, S extends z.ZodType>(
  def: TOperationKindDef<K, z.output<S>> & { params: S },
): TOperationKindDef<K, z.output<S>> {
  return def;
}
