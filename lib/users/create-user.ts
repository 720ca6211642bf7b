import 'server-only';
import { generateId } from 'better-auth';
import { hashPassword } from 'better-auth/crypto';
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { auditUserChange, type TActor } from './audit-user-change';
import { UserInputError } from './errors';
import { TX_OPTIONS } from './tx-options';

export const ZNewUser = z.object({
  name: z.string().trim().min(1, 'Name is required.').max(100),
  email: z.email('Enter a valid email address.').trim().toLowerCase(),
  password: z.string().min(8, 'Password must have at least 8 characters.').max(128),
});
export type TNewUser = z.infer<typeof ZNewUser>;

/**
 * Creates a user who signs in with email and password, stored the way
 * better-auth's own sign-up stores it (a `credential` account holding the hash).
 */
export async function createUser(input: TNewUser, actor: TActor): Promise<{ id: string }> {
  const user = ZNewUser.parse(input);
  const prisma = await getPrisma();
  const existing = await prisma.user.findUnique({
    where: { email: user.email },
    select: { id: true },
  });
  if (existing) throw new UserInputError(`A user with the email ${user.email} already exists.`);
  const id = generateId();
  const hash = await hashPassword(user.password);
  await prisma.$transaction(async (tx) => {
    await tx.user.create({
      data: {
        id,
        name: user.name,
        email: user.email,
        emailVerified: true,
        accounts: {
          create: { id: generateId(), providerId: 'credential', accountId: id, password: hash },
        },
      },
    });
    await auditUserChange(tx, actor, {
      action: 'user.create',
      details: { userId: id, email: user.email, name: user.name },
    });
  }, TX_OPTIONS);
  return { id };
}

/** Sets a new password on the user's email/password account (creating that account if missing). */
export async function setPassword(userId: string, password: string): Promise<void> {
  const prisma = await getPrisma();
  const hash = await hashPassword(z.string().min(8).parse(password));
  const account = await prisma.account.findFirst({
    where: { userId, providerId: 'credential' },
    select: { id: true },
  });
  if (account) {
    await prisma.account.update({ where: { id: account.id }, data: { password: hash } });
  } else {
    await prisma.account.create({
      data: {
        id: generateId(),
        providerId: 'credential',
        accountId: userId,
        userId,
        password: hash,
      },
    });
  }
}
