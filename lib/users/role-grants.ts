import 'server-only';
import { getPrisma } from '@/lib/db';
import { ROLE_LABELS, type TRole, type TRoleGrant } from '@/lib/auth/roles';
import { auditUserChange, type TActor } from './audit-user-change';
import { UserInputError } from './errors';
import { TX_OPTIONS } from './tx-options';

export interface TGrantRequest {
  userId: string;
  role: TRole;
  /** Only release managers can be limited to one environment; null means all. */
  environment: string | null;
}

/**
 * Gives a user a role. A global grant replaces the user's environment-limited
 * grants of that role; a limited grant next to a global one is refused.
 */
export async function grantRole(request: TGrantRequest, actor: TActor): Promise<TRoleGrant> {
  const { userId, role, environment } = request;
  if (environment !== null && role !== 'release_manager') {
    throw new UserInputError(
      `${ROLE_LABELS[role]} applies to every environment; only release managers can be limited.`,
    );
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true },
    });
    if (!user) throw new UserInputError('That user no longer exists.');
    // Single sign-on's grants of the role are its own; admins grant next to them.
    const held = await tx.roleGrant.findMany({ where: { userId, role, source: 'admin' } });
    if (held.some((g) => g.environment === null)) {
      throw new UserInputError(`The user already is ${ROLE_LABELS[role]} for every environment.`);
    }
    if (environment !== null && held.some((g) => g.environment === environment)) {
      throw new UserInputError(`The user already is ${ROLE_LABELS[role]} for ${environment}.`);
    }
    if (environment === null && held.length > 0) {
      await tx.roleGrant.deleteMany({ where: { userId, role, source: 'admin' } });
    }
    const grant = await tx.roleGrant.create({
      // A system actor (demo seeding) is no user row: no grantor then.
      data: {
        userId,
        role,
        environment,
        grantedById: actor.id.startsWith('system:') ? null : actor.id,
      },
      select: { id: true, role: true, environment: true },
    });
    await auditUserChange(tx, actor, {
      action: 'role.grant',
      environment,
      details: {
        userId,
        email: user.email,
        role,
        environment,
        replacedLimitedGrants: environment === null ? held.length : 0,
      },
    });
    return grant;
  }, TX_OPTIONS);
}

/** Removes one grant; the last admin grant stays so nobody locks the admins out. */
export async function revokeRole(
  grantId: number,
  actor: TActor,
): Promise<TRoleGrant & { userId: string }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant) throw new UserInputError('That role was already removed.');
    if (grant.source === 'sso') {
      throw new UserInputError(
        `This role comes from the SSO group ${grant.ssoGroup ?? ''} at every sign-in; remove the person from that group in the identity provider.`,
      );
    }
    if (grant.role === 'admin' && (await tx.roleGrant.count({ where: { role: 'admin' } })) <= 1) {
      throw new UserInputError('This is the last admin; make someone else admin first.');
    }
    await tx.roleGrant.delete({ where: { id: grantId } });
    await auditUserChange(tx, actor, {
      action: 'role.revoke',
      environment: grant.environment,
      details: { userId: grant.userId, role: grant.role, environment: grant.environment },
    });
    return { id: grant.id, role: grant.role, environment: grant.environment, userId: grant.userId };
  }, TX_OPTIONS);
}
