// Operations as pages and the API show them: plain JSON (dates as ISO text),
// with who asked by name. The values themselves never leave the worker.
import type { TOperation } from './operation-row';

export type TOperationState = TOperation['state'];

export type TOperationView = {
  id: number;
  kind: TOperation['kind'];
  state: TOperationState;
  environment: string;
  cluster: string;
  namespace: string;
  release: string;
  revisionBefore: number | null;
  revisionAfter: number | null;
  targetRevision: number | null;
  chart: string | null;
  chartVersion: string | null;
  imageTag: string | null;
  valuesDigest: string | null;
  requestedById: string;
  requestedBy: string;
  ticketId: number | null;
  breakGlassReason: string | null;
  progress: string | null;
  exitStatus: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export const ACTIVE_STATES: readonly TOperationState[] = ['queued', 'running'];
export const isActive = (s: TOperationState) => ACTIVE_STATES.includes(s);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toOperationView(
  op: TOperation & { requestedBy?: { name: string | null } | null },
): TOperationView {
  return {
    id: op.id,
    kind: op.kind,
    state: op.state,
    environment: op.environment,
    cluster: op.cluster,
    namespace: op.namespace,
    release: op.release,
    revisionBefore: op.revisionBefore,
    revisionAfter: op.revisionAfter,
    targetRevision: op.targetRevision,
    chart: op.chart,
    chartVersion: op.chartVersion,
    imageTag: op.imageTag,
    valuesDigest: op.valuesDigest,
    requestedById: op.requestedById,
    requestedBy: op.requestedBy?.name || op.requestedById,
    ticketId: op.ticketId,
    breakGlassReason: op.breakGlassReason,
    progress: op.progress,
    exitStatus: op.exitStatus,
    error: op.error,
    createdAt: op.createdAt.toISOString(),
    startedAt: iso(op.startedAt),
    finishedAt: iso(op.finishedAt),
  };
}
