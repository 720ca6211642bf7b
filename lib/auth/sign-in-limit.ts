import 'server-only';
import { getPrisma } from '@/lib/db';

// Failed password sign-ins per email, kept in better-auth's rate_limit table
// (under our own key prefix) so the limit holds across instances. Sign-in runs
// as a server action, which better-auth's per-request limiter does not see.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

const keyOf = (email: string) => `helmdeck:sign-in-failures:${email.toLowerCase()}`;

/** True while the email has had too many failed sign-ins in the window. */
export async function isSignInLocked(email: string, now = Date.now()): Promise<boolean> {
  const prisma = await getPrisma();
  const row = await prisma.rateLimit.findUnique({ where: { key: keyOf(email) } });
  return row !== null && now - Number(row.lastRequest) < WINDOW_MS && row.count >= MAX_FAILURES;
}

export async function recordSignInFailure(email: string, now = Date.now()): Promise<void> {
  const prisma = await getPrisma();
  const key = keyOf(email);
  const row = await prisma.rateLimit.findUnique({ where: { key } });
  if (row && now - Number(row.lastRequest) < WINDOW_MS) {
    await prisma.rateLimit.update({
      where: { key },
      data: { count: { increment: 1 }, lastRequest: BigInt(now) },
    });
  } else {
    await prisma.rateLimit.upsert({
      where: { key },
      create: { id: key, key, count: 1, lastRequest: BigInt(now) },
      update: { count: 1, lastRequest: BigInt(now) },
    });
  }
}

export async function clearSignInFailures(email: string): Promise<void> {
  const prisma = await getPrisma();
  await prisma.rateLimit.deleteMany({ where: { key: keyOf(email) } });
}
