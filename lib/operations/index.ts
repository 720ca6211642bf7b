// The write path: requests become audited Operation rows and queued jobs;
// workers run helm; reconcile settles what a dead worker left behind.
export { ForbiddenError, OperationInProgressError, OperationInputError } from './errors';
export { finishOperation, type TFinalState, type TOutcome } from './finish-operation';
export { previewOperation, type TOperationPreview } from './preview-operation';
export { listenProgress, operationLogs, PROGRESS_CHANNEL } from './progress';
export { stopQueue } from './queue';
export { reconcileOperations, type TReconciled } from './reconcile';
export {
  authorise,
  requestOperation,
  type TActor,
  type TOperation,
  type TOperationGate,
  type TOperationRequest,
} from './request-operation';
export { helmDescription } from './run-operation';
export { configureOperations, operationsRuntime, type TOperationsRuntime } from './runtime';
export {
  OPERATION_KINDS,
  ZOperationRequest,
  type TOperationKind,
  type TOperationRequestInput,
  type TValidatedRequest,
} from './validate-request';
export { KINDS, kindOf, RESTORE_KINDS, TICKET_KINDS, type TGateClass } from './kinds';
export {
  afterFinishIdle,
  onOperationFinished,
  type TAfterFinishListener,
  type TFinishedOperation,
} from './after-finish';
export { parseValuesYaml, valuesDigest } from '@/lib/values';
export { startWorker, type TWorker, type TWorkerOptions } from './worker';
export { deployTicket, type TDeployTicketOptions } from './deploy-ticket';
export { recordOperationEvent } from './operation-events';
export { gateOperation, ticketGate, type TGateContext, type TGateVerdict } from './ticket-gate';
export {
  previewCommand,
  submitOperation,
  ZOperationCommand,
  type TOperationCommand,
  type TUserActor,
} from './submit-operation';
export {
  ACTIVE_STATES,
  isActive,
  toOperationView,
  type TOperationState,
  type TOperationView,
} from './operation-view';
export {
  getOperationDetail,
  listOperations,
  ZOperationFilters,
  type TLogLine,
  type TOperationAuditRef,
  type TOperationDetail,
  type TOperationFilters,
} from './read-operations';
export { deployTicketCommand, previewTicketCommand } from './ticket-commands';
