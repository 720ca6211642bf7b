// Webhook notifications: signed, Slack-compatible on request, sent from an
// outbox in the background with retries; every attempt is recorded.
export {
  deliverDue,
  retryDelayMs,
  startNotificationDispatcher,
  type TAttempt,
  type TDispatcher,
  type TDispatchOptions,
} from './dispatch';
export { listDeliveries, webhookTarget, type TDeliveryRow } from './deliveries';
export { sendTestNotification, TEST_EVENT, testPayload } from './test-send';
export {
  enqueueNotification,
  onNotificationEnqueued,
  webhookName,
  type TEnqueueRefs,
} from './enqueue';
export {
  buildPayload,
  type TNotificationData,
  type TNotificationEvent,
  type TExternalChangeSummary,
  type TOperationSummary,
  type TTicketSummary,
} from './payload';
export {
  DELIVERY_HEADER,
  EVENT_HEADER,
  signBody,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
  type TVerifyResult,
} from './sign';
