import 'server-only';
import { getPrisma } from '@/lib/db';
import type { TActor } from './audit-user-change';
import { createUser, setPassword } from './create-user';
import { DEMO_USERS, type TDemoUser } from './demo-users';
import { grantRole } from './role-grants';

const SEED_ACTOR: TActor = { id: 'system:demo-seed', name: 'demo seed' };

/**
 * Makes sure every demo user exists with its known password and roles
 * (global grants). Safe to run on every start; returns the credentials.
 */
export async function seedDemoUsers(): Promise<readonly TDemoUser[]> {
  const prisma = await getPrisma();
  for (const demo of DEMO_USERS) {
    const existing = await prisma.user.findUnique({
      where: { email: demo.email },
      select: { id: true },
    });
    const userId = existing
      ? existing.id
      : (
          await createUser(
            { name: demo.name, email: demo.email, password: demo.password },
            SEED_ACTOR,
          )
        ).id;
    // Reset the password too: the demo prints these credentials, so they must work.
    if (existing) await setPassword(userId, demo.password);
    for (const role of demo.roles) {
      const held = await prisma.roleGrant.findFirst({
        where: { userId, role, environment: null, source: 'admin' },
      });
      if (!held) await grantRole({ userId, role, environment: null }, SEED_ACTOR);
    }
  }
  return DEMO_USERS;
}
