import 'server-only';
import { getPrisma } from '@/lib/db';
import type { TGrantOrigin, TRoleGrant } from '@/lib/auth/roles';

export interface TUserSummary {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  grants: Array<TRoleGrant & { origin: TGrantOrigin }>;
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
        select: {
          id: true,
          role: true,
          environment: true,
          source: true,
          ssoGroup: true,
          grantedById: true,
          grantedBy: { select: { name: true } },
        },
        orderBy: [{ role: 'asc' }, { environment: 'asc' }, { source: 'asc' }],
      },
    },
  });
  return rows.map(({ roleGrants, ...user }) => ({
    ...user,
    grants: roleGrants.map((g) => ({
      id: g.id,
      role: g.role,
      environment: g.environment,
      origin: originOf(g),
    })),
  }));
}

function originOf(g: {
  source: 'admin' | 'sso';
  ssoGroup: string | null;
  grantedById: string | null;
  grantedBy: { name: string } | null;
}): TGrantOrigin {
  if (g.source === 'sso') return { source: 'sso', group: g.ssoGroup ?? '' };
  // No grantor: the demo seed or a deleted admin.
  return { source: 'admin', grantedBy: g.grantedBy?.name ?? null };
}
