// The ticket verbs that run operations, as the ticket pages and
// /api/v1/tickets receive them: deploy an approved ticket, and the diff its
// approvers will read. The other ticket verbs are lib/tickets' ticketCommands.
import { z } from 'zod';
import { parseTicketInput, ZTicketId, type TTicketUser } from '@/lib/tickets/ticket-commands';
import { deployTicket } from './deploy-ticket';
import { previewOperation } from './preview-operation';

const ZDeploy = z
  .object({
    id: ZTicketId,
    clusters: z.array(z.string().min(1)).min(1).optional(),
    breakGlassReason: z.string().max(2000).optional(),
  })
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

/** Queues the approved ticket's change on its clusters (or the ones named). */
export async function deployTicketCommand(user: TTicketUser, input: unknown) {
  const { id, ...rest } = parseTicketInput(ZDeploy, input);
  return deployTicket(user, id, rest);
}

/** The diff approvers will see: helm's server-side dry run against the live release. */
export async function previewTicketCommand(user: TTicketUser, input: unknown) {
  const p = parseTicketInput(ZPreview, input);
  return previewOperation({
    actor: user,
    kind: 'upgrade',
    environment: p.environment,
    cluster: p.cluster,
    release: p.release,
    params: { ...(p.imageTag ? { imageTag: p.imageTag } : {}), values: p.values ?? '' },
  });
}
