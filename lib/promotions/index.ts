// Promotions: builds carried stage to stage, production in waves, gates,
// the pre-deploy checklist and post-deploy verification.
export * from './checks';
export { createPromotion, planPromotion, type TCreatePromotion } from './create-promotion';
export * from './delivery';
export { PromotionGateError, PromotionInProgressError } from './errors';
export { checkPromotionGates, isSemver, type TGateRefusal } from './gates';
export {
  controlPromotion,
  resumePromotions,
  runPromotion,
  type TRunOptions,
} from './run-promotion';
export { planWaves } from './waves';
export {
  getPipelineView,
  type TPipelineCluster,
  type TPipelinePromotion,
  type TPipelineStage,
  type TPipelineView,
} from './pipeline-view';
export { previewPromotion, type TPromotionPreview } from './preview-promotion';
export { getPromotion, waitForPromotion } from './read-promotion';
export { createPromotionTicket } from './promotion-ticket';
export {
  operationVerification,
  startOperationVerification,
  verifyOperation,
  type TOperationVerification,
} from './verify-operation';
