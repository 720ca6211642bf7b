// The post-deploy watch: after a rollout, checks (pod triggers, metric
// analysis) look at what was deployed for a while and may find it failing.
// Checks only look; the caller decides what a failure does (roll back, or
// recommend it) and records it.
import type { CoreV1Api } from '@kubernetes/client-node';
import type { TCluster, TEnvironment } from '@/lib/config';

/** What was just deployed, and where. */
export type TWatchTarget = {
  environment: TEnvironment;
  cluster: TCluster;
  namespace: string;
  /** The configured (logical) release. */
  release: string;
  /** The helm release whose pods run the build (blue/green: <name>-<colour>). */
  helmRelease: string;
  track?: 'stable' | 'canary' | 'blue' | 'green';
  /** Helm revision now deployed, and the one a rollback returns to. */
  revision: number | null;
  previousRevision: number | null;
  /** Restarts and unready time count from here. */
  rolloutStartedAt: Date;
  operationId?: number;
  promotionId?: number;
};

export type TWatchVerdict = 'pass' | 'warn' | 'fail';

export type TWatchFinding = {
  /** e.g. pods.crashLoop, pods.unready, metrics.errorRate */
  check: string;
  verdict: TWatchVerdict;
  /** One sentence for the page and the audit record. */
  reason: string;
  /** Pods, containers, numbers; never secrets. */
  evidence?: Record<string, unknown>;
  /** On fail: roll back now (default) or only recommend it. */
  action?: 'rollback' | 'recommend';
};

export type TWatchContext = {
  core: CoreV1Api;
  signal: AbortSignal;
  now(): Date;
};

export type TWatchProbe = {
  /** Findings now; called every interval until the watch ends. */
  tick(): Promise<TWatchFinding[]>;
  stop?(): Promise<void>;
};

export type TWatchCheck = {
  name: string;
  /** Whether the check has anything to do for this target (e.g. autoRollback configured). */
  appliesTo(target: TWatchTarget): boolean;
  start(target: TWatchTarget, ctx: TWatchContext): Promise<TWatchProbe> | TWatchProbe;
};

export type TWatchResult =
  | { outcome: 'passed'; findings: TWatchFinding[] }
  | { outcome: 'triggered'; trigger: TWatchFinding; findings: TWatchFinding[] }
  | { outcome: 'aborted'; findings: TWatchFinding[] };
