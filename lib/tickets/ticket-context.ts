// Shared plumbing of the ticket verbs: who acts, which configuration and
// clock apply, errors meant for the user, and the locked read of a ticket.
// No `server-only` marker: like lib/db, this runs from scripts and tests too.
import type { TRoleGrant } from '@/lib/auth/roles';
import { getPrisma, type Prisma, type PrismaClient } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getConfig } from '@/lib/config/load-config';
import type { TEnvironment, TWebhook } from '@/lib/config/schema';
import type { TTicketSummary } from '@/lib/notifications/payload';

export interface TTicketActor {
  id: string;
  name?: string | null;
  grants: readonly Pick<TRoleGrant, 'role' | 'environment'>[];
}

export interface TTicketConfig {
  environments: readonly TEnvironment[];
  webhooks: readonly TWebhook[];
  /** When given, tickets may only name these releases. */
  releases?: readonly { name: string; promotion: readonly string[] }[];
}

export interface TTicketOptions {
  config?: TTicketConfig;
  prisma?: PrismaClient;
  now?: Date;
}

export async function resolveOptions(options: TTicketOptions = {}) {
  return {
    prisma: options.prisma ?? (await getPrisma()),
    config: options.config ?? getConfig(),
    now: options.now ?? new Date(),
  };
}

export type TTicketErrorKind = 'invalid' | 'not-found' | 'conflict';

const TICKET_ERROR_CODE = {
  invalid: 'invalid',
  'not-found': 'not_found',
  conflict: 'conflict',
} as const;

/** A refusal the user can act on; `userMessage` is shown as is. */
export class TicketError extends AppError {
  constructor(
    readonly kind: TTicketErrorKind,
    userMessage: string,
    /** Per-field problems for forms ("field: rule"). */
    readonly problems: string[] = [],
  ) {
    super(TICKET_ERROR_CODE[kind], userMessage, problems.length > 0 ? { problems } : {});
    this.name = 'TicketError';
  }
}

export function requireEnvironment(config: TTicketConfig, name: string): TEnvironment {
  const env = config.environments.find((e) => e.name === name);
  if (!env)
    throw new TicketError('invalid', `There is no environment named ${name}.`, [
      `environment: unknown environment ${name}`,
    ]);
  return env;
}

export const TICKET_INCLUDE = {
  approvals: {
    orderBy: { createdAt: 'asc' },
    include: { approver: { select: { id: true, name: true } } },
  },
  requester: { select: { id: true, name: true } },
} as const satisfies Prisma.ChangeTicketInclude;

export type TTicketRow = Prisma.ChangeTicketGetPayload<{ include: typeof TICKET_INCLUDE }>;

/** Reads a ticket with its decisions, holding a row lock until the transaction ends. */
export async function lockTicket(
  tx: Prisma.TransactionClient,
  id: number,
  mode: 'update' | 'share' = 'update',
): Promise<TTicketRow> {
  const locked =
    mode === 'update'
      ? await tx.$queryRaw<
          { id: number }[]
        >`SELECT id FROM change_ticket WHERE id = ${id} FOR UPDATE`
      : await tx.$queryRaw<
          { id: number }[]
        >`SELECT id FROM change_ticket WHERE id = ${id} FOR SHARE`;
  if (locked.length === 0)
    throw new TicketError('not-found', `Change ticket #${id} does not exist.`);
  return tx.changeTicket.findUniqueOrThrow({ where: { id }, include: TICKET_INCLUDE });
}

/** The fields a notification may carry about a ticket. */
export function ticketSummary(row: TTicketRow, state: string = row.state): TTicketSummary {
  return {
    id: row.id,
    release: row.release,
    environment: row.environment,
    clusters: row.clusters,
    chartVersion: row.chartVersion,
    imageTag: row.imageTag,
    valuesDigest: row.valuesDigest,
    contentHash: row.contentHash,
    externalRef: row.externalRef,
    risk: row.risk,
    state,
    requester: row.requester.name,
  };
}

export function actorLabel(actor: TTicketActor): string {
  return actor.name ?? actor.id;
}

/** Admin powers are never limited to one environment. */
export function isAdmin(actor: TTicketActor): boolean {
  return actor.grants.some((g) => g.role === 'admin' && g.environment === null);
}
