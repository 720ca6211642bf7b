import { resolveOptions, TICKET_INCLUDE, TicketError, type TTicketOptions } from './ticket-context';
import { ticketGate, ticketView, type TTicketView } from './ticket-view';
import type { TGateResult } from './gate';

export type TTicketDetail = TTicketView & {
  /** The values YAML as requested (may hold secrets: show to signed-in users only, never log). */
  values: string;
  gate: TGateResult | null;
};

/** One ticket with its approvals timeline and the gate checklist for deploying it. */
export async function getTicket(id: number, options?: TTicketOptions): Promise<TTicketDetail> {
  const { prisma, config, now } = await resolveOptions(options);
  const row = await prisma.changeTicket.findUnique({ where: { id }, include: TICKET_INCLUDE });
  if (!row) throw new TicketError('not-found', `Change ticket #${id} does not exist.`);
  const env = config.environments.find((e) => e.name === row.environment);
  return {
    ...ticketView(row, env, now),
    values: row.values ?? '',
    gate: env ? ticketGate(row, env, now) : null,
  };
}
