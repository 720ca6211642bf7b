import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import { getPrisma, type Prisma } from '@/lib/db';

/** Who changes users and roles: a signed-in admin, or a system actor like `system:demo-seed`. */
export interface TActor {
  id: string;
  name: string | null;
}

export interface TUserChange {
  action: 'user.create' | 'role.grant' | 'role.revoke';
  environment?: string | null;
  details: Record<string, unknown>;
}

/** Records a user/role change inside the transaction that makes it, so both land or neither. */
export async function auditUserChange(
  tx: Prisma.TransactionClient,
  actor: TActor,
  change: TUserChange,
): Promise<void> {
  await appendAudit(tx, {
    actor: actor.id,
    actorName: actor.name,
    action: change.action,
    outcome: 'succeeded',
    environment: change.environment ?? null,
    details: change.details,
  });
}

/**
 * Runs a user/role change; when it fails, records the attempt as failed
 * (with the user-facing reason only) and rethrows.
 */
export async function withFailureAudit<T>(
  actor: TActor,
  change: TUserChange,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const reason =
      error instanceof Error && 'userMessage' in error && typeof error.userMessage === 'string'
        ? error.userMessage
        : 'unexpected error';
    const prisma = await getPrisma();
    await appendAudit(prisma, {
      actor: actor.id,
      actorName: actor.name,
      action: change.action,
      outcome: 'failed',
      environment: change.environment ?? null,
      error: reason,
      details: change.details,
    }).catch(() => undefined); // the original error matters more than a failed audit of it
    throw error;
  }
}
