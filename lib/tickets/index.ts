// Change tickets: content and hash, states, approvals, freeze windows and
// the deployment gate.
export {
  approvalExpiry,
  approvalStatus,
  decidedState,
  effectiveState,
  DEFAULT_APPROVAL_TTL_HOURS,
  type TApprovalStatus,
  type TDecision,
} from './approval-status';
export { approveTicket } from './approve-ticket';
export { approverInbox } from './approver-inbox';
export { auditTicketEvent, type TTicketAuditInput } from './audit-ticket-event';
export {
  breakGlass,
  pendingBreakGlassReviews,
  reviewBreakGlass,
  BREAK_GLASS_MIN_REASON,
  type TBreakGlassDecision,
  type TBreakGlassReview,
} from './break-glass';
export { cancelTicket } from './cancel-ticket';
export { createTicket } from './create-ticket';
export { expireTickets } from './expire-tickets';
export {
  activeFreeze,
  activeFreezes,
  describeWindow,
  nextOpening,
  type TFreezeOccurrence,
} from './freeze';
export {
  evaluateGate,
  openingTime,
  GATE_CHECKS,
  type TGateCheck,
  type TGateCheckName,
  type TGateEnvironment,
  type TGateInput,
  type TGateOperation,
  type TGateResult,
  type TGateTicket,
} from './gate';
export {
  checkGateInTransaction,
  GateDeniedError,
  type TGateTransactionInput,
  type TGateTransactionResult,
} from './gate-transaction';
export { getTicket, type TTicketDetail } from './get-ticket';
export { listTickets, ZTicketFilters, type TTicketFilters } from './list-tickets';
export { rejectTicket } from './reject-ticket';
export { submitTicket } from './submit-ticket';
export {
  contentHash,
  contentOfInput,
  contentOfRow,
  ticketInputProblems,
  TICKET_RISKS,
  ZMaintenanceWindow,
  ZRollbackPlan,
  ZTicketInput,
  type TTicketContent,
  type TTicketInput,
  type TTicketInputParsed,
} from './ticket-content';
export {
  TicketError,
  type TTicketActor,
  type TTicketConfig,
  type TTicketErrorKind,
  type TTicketOptions,
  type TTicketRow,
} from './ticket-context';
export { recordTicketDeployment } from './ticket-deployment';
export {
  assertTransition,
  canTransition,
  DECIDABLE_STATES,
  EDITABLE_STATES,
  TERMINAL_STATES,
  TICKET_STATE_LABELS,
  TICKET_STATES,
  TicketStateError,
  TRANSITIONS,
  type TTicketState,
} from './ticket-states';
export {
  ticketGate,
  ticketView,
  type TDecisionStanding,
  type TTicketView,
  type TTimelineEntry,
} from './ticket-view';
export { updateTicket } from './update-ticket';
export { formatInZone, parseZonedDateTime } from './zoned-time';
