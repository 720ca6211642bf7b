import 'server-only';
import { getPrisma } from '@/lib/db';
import { ROLE_LABELS, type TRole, type TRoleGrant } from '@/lib/auth/roles';
import { UserInputError } from './errors';

export interface TGrantRequest {
  userId: string;
  role: TRole;
  /** Only release managers can be limited to one environment; null means all. */
  environment: string | null;
  grantedById: string | null;
}

/**
 * Gives a user a role. A global grant replaces the user's environment-limited
 * grants of that role; a limited grant next to a global one is refused.
 */
export async function grantRole(request: TGrantRequest): Promise<TRoleGrant> {
  const { userId, role, environment, grantedById } = request;
  if (environment !== null && role !== 'release_manager') {
    throw new UserInputError(
      `${ROLE_LABELS[role]} applies to every environment; only release managers can be limited.`,
    );
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new UserInputError('That user no longer exists.');
    const held = await tx.roleGrant.findMany({ where: { userId, role } });
    if (held.some((g) => g.environment === null)) {
      throw new UserInputError(`The user already is ${ROLE_LABELS[role]} for every environment.`);
    }
    if (environment !== null && held.some((g) => g.environment === environment)) {
      throw new UserInputError(`The user already is ${ROLE_LABELS[role]} for ${environment}.`);
    }
    if (environment === null && held.length > 0) {
      await tx.roleGrant.deleteMany({ where: { userId, role } });
    }
    return tx.roleGrant.create({
      data: { userId, role, environment, grantedById },
      select: { id: true, role: true, environment: true },
    });
  });
}

/** Removes one grant; the last admin grant stays so nobody locks the admins out. */
export async function revokeRole(grantId: number): Promise<TRoleGrant & { userId: string }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant) throw new UserInputError('That role was already removed.');
    if (grant.role === 'admin' && (await tx.roleGrant.count({ where: { role: 'admin' } })) <= 1) {
      throw new UserInputError('This is the last admin; make someone else admin first.');
    }
    await tx.roleGrant.delete({ where: { id: grantId } });
    return { id: grant.id, role: grant.role, environment: grant.environment, userId: grant.userId };
  });
}
