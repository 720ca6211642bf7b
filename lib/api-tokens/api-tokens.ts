// Per-user API tokens for scripts and CI: create (plaintext returned once),
// list, revoke, verify. No `server-only` marker: like lib/db, the demo
// script and tests use it too.
import { recordAudit } from '@/lib/audit/append-audit';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { displayPrefix, generateApiToken, hashApiToken, looksLikeApiToken } from './token';

export type TApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** A token request the user can fix (name, limit); the message is shown as is. */
export class ApiTokenError extends AppError {
  constructor(message: string) {
    super('invalid', message);
    this.name = 'ApiTokenError';
  }
}

const MAX_ACTIVE_TOKENS = 20;
// lastUsedAt is advisory; writing it on every request would turn reads into writes.
const LAST_USED_RESOLUTION_MS = 60_000;

const SUMMARY = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** The owner's name, so the audit shows a person and not an id. */
async function ownerName(userId: string): Promise<string | null> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { name: true } });
  return user?.name ?? null;
}

/**
 * Who a token's records name: its owner and the token, e.g.
 * `Rita Release (token "ci-deploy")`, so a record made by a script says which one.
 */
export function tokenActorName(ownerName: string, tokenName: string): string {
  return `${ownerName} (token "${tokenName}")`;
}

/** Creates a token for a user; the plaintext is in the result and nowhere else. */
export async function createApiToken(input: {
  userId: string;
  name: string;
  expiresAt?: Date | null;
}): Promise<{ token: string; summary: TApiTokenSummary }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 80)
    throw new ApiTokenError('A token name needs 1 to 80 characters.');
  const prisma = await getPrisma();
  const active = await prisma.apiToken.count({ where: { userId: input.userId, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS)
    throw new ApiTokenError(
      `You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first.`,
    );
  const token = generateApiToken();
  const summary = await prisma.apiToken.create({
    data: {
      userId: input.userId,
      name,
      prefix: displayPrefix(token),
      tokenHash: hashApiToken(token),
      expiresAt: input.expiresAt ?? null,
    },
    select: SUMMARY,
  });
  await recordAudit(prisma, {
    actor: input.userId,
    actorName: await ownerName(input.userId),
    action: 'api_token.create',
    outcome: 'succeeded',
    details: { tokenId: summary.id, name, prefix: summary.prefix },
  });
  return { token, summary };
}

/** A user's tokens, newest first, revoked ones included (so the list explains itself). */
export async function listApiTokens(userId: string): Promise<TApiTokenSummary[]> {
  const prisma = await getPrisma();
  return prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    select: SUMMARY,
  });
}

/** Revokes one of the user's own tokens; false when there is no such active token. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const prisma = await getPrisma();
  const { count } = await prisma.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 1) {
    await recordAudit(prisma, {
      actor: userId,
      actorName: await ownerName(userId),
      action: 'api_token.revoke',
      outcome: 'succeeded',
      details: { tokenId },
    });
  }
  return count === 1;
}

/** The user and token a presented token belongs to, or null when unknown, revoked or expired. */
export async function verifyApiToken(
  token: string,
  now = new Date(),
): Promise<{ userId: string; tokenId: string; tokenName: string } | null> {
  if (!looksLikeApiToken(token)) return null;
  const prisma = await getPrisma();
  // The hash is the unique key: an indexed lookup, no comparison against other users' hashes.
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      name: true,
      userId: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
    },
  });
  if (!row || row.revokedAt !== null) return null;
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { userId: row.userId, tokenId: row.id, tokenName: row.name };
}
