// The per-email sign-in limit, kept in better-auth's rate_limit table (under
// our own key prefix) so it holds across instances. Every password sign-in
// counts one attempt in a single SQL upsert *before* the password is
// checked, so parallel attempts cannot all pass a check made before any of
// them was counted; once over the limit even the right password is refused
// until the window has passed. A successful sign-in clears the count.
// Called from better-auth's hooks (create-auth), so the form's server action
// and better-auth's own /api/auth/sign-in/email share it.
// No `server-only` marker: integration tests build the auth instance.
import { isUniqueViolation, type PrismaClient } from '@/lib/db';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_SIGN_IN_ATTEMPTS = 10;

export const SIGN_IN_LOCKED_MESSAGE =
  'Too many failed sign-ins for this email. Wait 15 minutes and try again.';

const keyOf = (email: string) => `helmdeck:sign-in-failures:${email.trim().toLowerCase()}`;

/** Counts one sign-in attempt for `email`; false when it is over the limit (locked). */
export async function countSignInAttempt(
  prisma: PrismaClient,
  email: string,
  now = Date.now(),
): Promise<boolean> {
  const key = keyOf(email);
  const at = BigInt(now);
  const window = BigInt(SIGN_IN_WINDOW_MS);
  // Two first attempts racing both miss the row; the loser then trips the
  // table's other unique index (id) rather than the ON CONFLICT target, and
  // Postgres raises instead of updating. The row exists by then: go again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await upsertAttempt(prisma, key, at, window);
    } catch (error) {
      if (attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function upsertAttempt(
  prisma: PrismaClient,
  key: string,
  at: bigint,
  window: bigint,
): Promise<boolean> {
  const rows = await prisma.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "rate_limit" ("id", "key", "count", "lastRequest")
    VALUES (${key}, ${key}, 1, ${at})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${at} - "rate_limit"."lastRequest" >= ${window} THEN 1
                     ELSE "rate_limit"."count" + 1 END,
      "lastRequest" = ${at}
    RETURNING "count"`;
  return (rows[0]?.count ?? Infinity) <= MAX_SIGN_IN_ATTEMPTS;
}

export async function clearSignInAttempts(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: keyOf(email) } });
}
