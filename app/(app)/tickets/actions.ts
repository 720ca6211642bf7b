'use server';
// Server actions of the ticket pages: each authenticates (session), runs one
// ticket verb (which validates with zod and asks policy), and refreshes the pages.
import { revalidatePath } from 'next/cache';
import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { deployTicketCommand, previewTicketCommand } from '@/lib/operations';
import { ticketCommands as cmd } from '@/lib/tickets/ticket-commands';

const refresh = (id?: number) => {
  revalidatePath('/tickets');
  if (id) revalidatePath(`/tickets/${id}`);
};

export async function createTicketAction(input: unknown): Promise<TActionResult<number>> {
  return runAction('createTicket', async () => {
    const t = await cmd.create(await requireUser(), input);
    refresh();
    return t.id;
  });
}

export async function updateTicketAction(
  id: number,
  input: unknown,
): Promise<TActionResult<number>> {
  return runAction('updateTicket', async () => {
    const t = await cmd.update(await requireUser(), { id, ticket: input });
    refresh(t.id);
    return t.id;
  });
}

export async function submitTicketAction(id: number): Promise<TActionResult<string>> {
  return runAction('submitTicket', async () => {
    const t = await cmd.submit(await requireUser(), id);
    refresh(id);
    return t.state;
  });
}

export async function decideTicketAction(
  id: number,
  decision: 'approve' | 'reject',
  comment: string,
): Promise<TActionResult<string>> {
  return runAction('decideTicket', async () => {
    const user = await requireUser();
    const t =
      decision === 'approve'
        ? await cmd.approve(user, { id, comment })
        : await cmd.reject(user, { id, comment });
    refresh(id);
    return t.state;
  });
}

export async function cancelTicketAction(
  id: number,
  reason: string,
): Promise<TActionResult<string>> {
  return runAction('cancelTicket', async () => {
    const t = await cmd.cancel(await requireUser(), { id, reason: reason || undefined });
    refresh(id);
    return t.state;
  });
}

export async function deployTicketAction(
  id: number,
  breakGlassReason?: string,
): Promise<TActionResult<{ id: number; cluster: string }[]>> {
  return runAction('deployTicket', async () => {
    const ops = await deployTicketCommand(await requireUser(), {
      id,
      ...(breakGlassReason !== undefined ? { breakGlassReason } : {}),
    });
    refresh(id);
    return ops.map((o) => ({ id: o.id, cluster: o.cluster }));
  });
}

export async function reviewBreakGlassAction(
  operationId: number,
  comment: string,
): Promise<TActionResult<undefined>> {
  return runAction('reviewBreakGlass', async () => {
    await cmd.reviewBreakGlass(await requireUser(), { operationId, comment });
    revalidatePath('/tickets/inbox');
    return undefined;
  });
}

export async function previewTicketAction(input: unknown): Promise<TActionResult<string>> {
  return runAction('previewTicket', async () => {
    // Stored with the ticket as the rendered diff approvers read (secrets already redacted).
    return JSON.stringify(await previewTicketCommand(await requireUser(), input));
  });
}
