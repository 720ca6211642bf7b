// The ticket verbs as the pages' server actions and /api/v1/tickets both run
// them: validate with zod, call one lib function as the given user. No
// `server-only` marker and no session lookup, so integration tests call them
// directly; policy (who may) is decided inside lib, the same for both doors.
import { z } from 'zod';
import { ForbiddenError } from '@/lib/auth/errors';
import { hasRole, type TRoleGrant } from '@/lib/auth/roles';
import { deployTicket, operationsRuntime, previewOperation } from '@/lib/operations';
import {
  approveTicket,
  approverInbox,
  cancelTicket,
  createTicket,
  getTicket,
  listTickets,
  pendingBreakGlassReviews,
  rejectTicket,
  reviewBreakGlass,
  submitTicket,
  TicketError,
  ticketInputProblems,
  updateTicket,
  ZTicketFilters,
  ZTicketInput,
  type TTicketOptions,
} from '@/lib/tickets';

export type TTicketUser = { id: string; name: string; grants: TRoleGrant[] };

/** Tickets read the same configuration the operation queue runs with. */
const options = (): TTicketOptions => ({ config: operationsRuntime().config });

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = ticketInputProblems(result.error);
  throw new TicketError('invalid', `The request has problems: ${problems.join('; ')}`, problems);
}

export const ZTicketId = z.coerce.number().int().positive('a ticket number');
const ZDecision = z.object({ id: ZTicketId, comment: z.string().max(5000).default('') }).strict();
const ZUpdate = z.object({ id: ZTicketId, ticket: ZTicketInput }).strict();
const ZCancel = z.object({ id: ZTicketId, reason: z.string().max(2000).optional() }).strict();
const ZDeploy = z
  .object({
    id: ZTicketId,
    clusters: z.array(z.string().min(1)).min(1).optional(),
    breakGlassReason: z.string().max(2000).optional(),
  })
  .strict();
const ZReview = z
  .object({ operationId: z.coerce.number().int().positive(), comment: z.string().max(5000) })
  .strict();
const ZPreview = z
  .object({
    release: z.string().min(1),
    environment: z.string().min(1),
    cluster: z.string().min(1),
    imageTag: z.string().optional(),
    values: z.string().optional(),
  })
  .strict();

function needRole(user: TTicketUser, role: 'release_manager' | 'approver', what: string): void {
  if (!hasRole(user.grants, role) && !hasRole(user.grants, 'admin'))
    throw new ForbiddenError(`You need the ${role.replace('_', ' ')} role to ${what}.`);
}

export const ticketCommands = {
  list: async (_user: TTicketUser, filters: unknown) =>
    listTickets(parse(ZTicketFilters, filters), options()),
  get: async (_user: TTicketUser, id: unknown) => getTicket(parse(ZTicketId, id), options()),
  inbox: async (user: TTicketUser) => approverInbox(user, options()),
  breakGlassReviews: async (user: TTicketUser) => {
    needRole(user, 'approver', 'review break-glass runs');
    return pendingBreakGlassReviews(options());
  },
  create: async (user: TTicketUser, input: unknown) =>
    createTicket(user, parse(ZTicketInput, input), options()),
  update: async (user: TTicketUser, input: unknown) => {
    const { id, ticket } = parse(ZUpdate, input);
    return updateTicket(user, id, ticket, options());
  },
  submit: async (user: TTicketUser, id: unknown) =>
    submitTicket(user, parse(ZTicketId, id), options()),
  approve: async (user: TTicketUser, input: unknown) => {
    const { id, comment } = parse(ZDecision, input);
    return approveTicket(user, id, comment, options());
  },
  reject: async (user: TTicketUser, input: unknown) => {
    const { id, comment } = parse(ZDecision, input);
    return rejectTicket(user, id, comment, options());
  },
  cancel: async (user: TTicketUser, input: unknown) => {
    const { id, reason } = parse(ZCancel, input);
    return cancelTicket(user, id, reason, options());
  },
  deploy: async (user: TTicketUser, input: unknown) => {
    const { id, ...rest } = parse(ZDeploy, input);
    return deployTicket(user, id, rest);
  },
  reviewBreakGlass: async (user: TTicketUser, input: unknown) => {
    const { operationId, comment } = parse(ZReview, input);
    return reviewBreakGlass(user, operationId, comment, options());
  },
  /** The diff approvers will see: helm's server-side dry run against the live release. */
  preview: async (user: TTicketUser, input: unknown) => {
    const p = parse(ZPreview, input);
    return previewOperation({
      actor: user,
      kind: 'upgrade',
      environment: p.environment,
      cluster: p.cluster,
      release: p.release,
      params: { ...(p.imageTag ? { imageTag: p.imageTag } : {}), values: p.values ?? '' },
    });
  },
};
