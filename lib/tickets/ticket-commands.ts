// The ticket verbs as the pages' server actions and /api/v1/tickets both run
// them: validate with zod, call one lib function as the given user. No
// `server-only` marker and no session lookup, so integration tests call them
// directly; policy (who may) is decided inside lib, the same for both doors.
// Deploying a ticket runs operations: that verb is lib/operations' deployTicketCommand.
import { z } from 'zod';
import { ForbiddenError } from '@/lib/auth/errors';
import { hasRole, type TRoleGrant } from '@/lib/auth/roles';
import { assertSomeRole, mayView, viewScope, visibleOnly } from '@/lib/policy/read-access';
import { runtimeConfig } from '@/lib/runtime';
import { approveTicket } from './approve-ticket';
import { approverInbox } from './approver-inbox';
import { pendingBreakGlassReviews, reviewBreakGlass } from './break-glass';
import { cancelTicket } from './cancel-ticket';
import { createTicket } from './create-ticket';
import { getTicket } from './get-ticket';
import { listTickets, ZTicketFilters } from './list-tickets';
import { rejectTicket } from './reject-ticket';
import { submitTicket } from './submit-ticket';
import { redactTicket, redactTicketRow } from './redact-ticket';
import { ticketInputProblems, ZTicketInput } from './ticket-content';
import { TicketError, type TTicketOptions } from './ticket-context';
import { updateTicket } from './update-ticket';

export type TTicketUser = { id: string; name: string; grants: TRoleGrant[] };

/** Tickets read the same configuration the operation queue runs with. */
const options = (): TTicketOptions => ({ config: runtimeConfig() });

/** The input as `schema` reads it, or a TicketError naming every problem. */
export function parseTicketInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = ticketInputProblems(result.error);
  throw new TicketError('invalid', `The request has problems: ${problems.join('; ')}`, problems);
}
const parse = parseTicketInput;

export const ZTicketId = z.coerce.number().int().positive('a ticket number');
const ZDecision = z.object({ id: ZTicketId, comment: z.string().max(5000).default('') }).strict();
const ZUpdate = z.object({ id: ZTicketId, ticket: ZTicketInput }).strict();
const ZCancel = z.object({ id: ZTicketId, reason: z.string().max(2000).optional() }).strict();
const ZReview = z
  .object({ operationId: z.coerce.number().int().positive(), comment: z.string().max(5000) })
  .strict();

function needRole(user: TTicketUser, role: 'release_manager' | 'approver', what: string): void {
  if (!hasRole(user.grants, role) && !hasRole(user.grants, 'admin'))
    throw new ForbiddenError(`You need the ${role.replace('_', ' ')} role to ${what}.`);
}

/** A ticket of an environment `user` may not view reads as one that does not exist. */
async function visibleTicket(user: TTicketUser, id: number) {
  const detail = await getTicket(id, options());
  if (!mayView(user, detail.ticket.environment))
    throw new TicketError('not-found', `Change ticket #${id} does not exist.`);
  return detail;
}

/** Who may read a ticket's values as written: its requester and its environment's approvers. */
function seesValues(user: TTicketUser, t: { requesterId: string; environment: string }): boolean {
  return t.requesterId === user.id || hasRole(user.grants, 'approver', t.environment);
}

// Every answer but the ticket page's carries redacted values (redact-ticket.ts).
export const ticketCommands = {
  list: async (user: TTicketUser, filters: unknown) => {
    assertSomeRole(user);
    return listTickets(parse(ZTicketFilters, filters), options(), viewScope(user));
  },
  /** The API's ticket: values and rendered diff redacted for everyone. */
  get: async (user: TTicketUser, id: unknown) =>
    redactTicket(await visibleTicket(user, parse(ZTicketId, id))),
  /** The ticket page's: values as written for its requester and approvers, redacted for others. */
  getForPage: async (user: TTicketUser, id: unknown) => {
    const detail = await visibleTicket(user, parse(ZTicketId, id));
    return seesValues(user, detail.ticket) ? detail : redactTicket(detail);
  },
  inbox: async (user: TTicketUser) => approverInbox(user, options()),
  breakGlassReviews: async (user: TTicketUser) => {
    needRole(user, 'approver', 'review break-glass runs');
    return visibleOnly(user, await pendingBreakGlassReviews(options()), (r) => r.environment);
  },
  create: async (user: TTicketUser, input: unknown) =>
    redactTicketRow(await createTicket(user, parse(ZTicketInput, input), options())),
  update: async (user: TTicketUser, input: unknown) => {
    const { id, ticket } = parse(ZUpdate, input);
    return redactTicketRow(await updateTicket(user, id, ticket, options()));
  },
  submit: async (user: TTicketUser, id: unknown) =>
    redactTicketRow(await submitTicket(user, parse(ZTicketId, id), options())),
  approve: async (user: TTicketUser, input: unknown) => {
    const { id, comment } = parse(ZDecision, input);
    return redactTicketRow(await approveTicket(user, id, comment, options()));
  },
  reject: async (user: TTicketUser, input: unknown) => {
    const { id, comment } = parse(ZDecision, input);
    return redactTicketRow(await rejectTicket(user, id, comment, options()));
  },
  cancel: async (user: TTicketUser, input: unknown) => {
    const { id, reason } = parse(ZCancel, input);
    return redactTicketRow(await cancelTicket(user, id, reason, options()));
  },
  reviewBreakGlass: async (user: TTicketUser, input: unknown) => {
    const { operationId, comment } = parse(ZReview, input);
    return reviewBreakGlass(user, operationId, comment, options());
  },
};
