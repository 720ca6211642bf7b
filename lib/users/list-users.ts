import 'server-only';
import { getPrisma } from '@/lib/db';
import type { TRoleGrant } from '@/lib/auth/roles';

export interface TUserSummary {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  grants: TRoleGrant[];
}

/** All users with their role grants, by name. */
export async function listUsers(): Promise<TUserSummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.user.findMany({
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      roleGrants: {
        select: { id: true, role: true, environment: true },
        orderBy: [{ role: 'asc' }, { environment: 'asc' }],
      },
    },
  });
  return rows.map(({ roleGrants, ...user }) => ({ ...user, grants: roleGrants }));
}
