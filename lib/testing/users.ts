// Users with role grants, as integration tests need them: the rows in the
// database and the actor that lib/ commands take.
import type { PrismaClient } from '@/lib/db';
import type { TRole } from '@/lib/auth/roles';

export type TTestUser = {
  id: string;
  name: string;
  email?: string;
  grants: { role: TRole; environment: string | null }[];
  /** The groups of a last SSO sign-in: what a cluster with `impersonate: true` sees. */
  ssoGroups?: string[];
};

/** Creates each user with its grants; returns them as actors (id, name, grants). */
export async function createUsers<U extends TTestUser>(
  prisma: PrismaClient,
  users: readonly U[],
): Promise<U[]> {
  for (const u of users) {
    await prisma.user.create({
      data: { id: u.id, name: u.name, email: u.email ?? `${u.id}@example.test` },
    });
    for (const g of u.grants)
      await prisma.roleGrant.create({
        data: { userId: u.id, role: g.role, environment: g.environment },
      });
    if (u.ssoGroups)
      await prisma.ssoProfile.create({
        data: { userId: u.id, subject: u.id, groups: u.ssoGroups },
      });
  }
  return [...users];
}
