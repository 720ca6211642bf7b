import 'server-only';
import { getPrisma } from '@/lib/db';
import type { TRoleGrant } from '@/lib/auth/roles';

/** Every role grant of a user, global ones first. */
export async function listRoleGrants(userId: string): Promise<TRoleGrant[]> {
  const prisma = await getPrisma();
  const rows = await prisma.roleGrant.findMany({
    where: { userId },
    orderBy: [{ role: 'asc' }, { environment: 'asc' }],
    select: { id: true, role: true, environment: true },
  });
  return rows;
}
