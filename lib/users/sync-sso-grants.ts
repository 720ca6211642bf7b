// Role grants that come from single sign-on, replaced at every sign-in with
// what the person's groups give now. Admin grants are never touched. No
// `server-only` marker: the sign-in hook runs in tests outside Next too.
import { appendAudit } from '@/lib/audit/append-audit';
import type { PrismaClient } from '@/lib/db';
import type { TSsoGrant } from '@/lib/auth/sso-roles';
import { TX_OPTIONS } from './tx-options';

const SSO_ACTOR = { actor: 'system:sso', actorName: 'single sign-on' } as const;

export interface TSsoGrantChanges {
  added: TSsoGrant[];
  removed: TSsoGrant[];
}

const keyOf = (g: { role: string; environment: string | null }) => `${g.role}\0${g.environment}`;

/**
 * Makes the user's SSO grants exactly `grants` (an empty list removes them
 * all), auditing each change in the same transaction.
 */
export async function syncSsoGrants(
  prisma: PrismaClient,
  user: { id: string; email: string },
  grants: readonly TSsoGrant[],
  via: 'sso' | 'password',
  profile?: { subject: string; groups: string[] },
): Promise<TSsoGrantChanges> {
  return prisma.$transaction(async (tx) => {
    // Serialises two sign-ins of the same person, so neither adds a grant the other just added.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sso-grants:${user.id}`}))`;
    const current = await tx.roleGrant.findMany({
      where: { userId: user.id, source: 'sso' },
      select: { id: true, role: true, environment: true, ssoGroup: true },
    });
    const wanted = new Map(grants.map((g) => [keyOf(g), g]));
    const removed: TSsoGrant[] = [];
    for (const row of current) {
      const keep = wanted.get(keyOf(row));
      if (keep && keep.group === row.ssoGroup) {
        wanted.delete(keyOf(row));
        continue;
      }
      await tx.roleGrant.delete({ where: { id: row.id } });
      removed.push({ role: row.role, environment: row.environment, group: row.ssoGroup ?? '' });
    }
    // What clusters with `impersonate: true` see: the groups of this sign-in, none after a password one.
    if (profile) {
      await tx.ssoProfile.upsert({
        where: { userId: user.id },
        create: { userId: user.id, subject: profile.subject, groups: profile.groups },
        update: { subject: profile.subject, groups: profile.groups },
      });
    } else {
      await tx.ssoProfile.deleteMany({ where: { userId: user.id } });
    }
    const added = [...wanted.values()];
    for (const g of added) {
      await tx.roleGrant.create({
        data: {
          userId: user.id,
          role: g.role,
          environment: g.environment,
          source: 'sso',
          ssoGroup: g.group,
        },
      });
    }
    for (const [action, list] of [
      ['role.revoke', removed],
      ['role.grant', added],
    ] as const) {
      for (const g of list) {
        await appendAudit(tx, {
          ...SSO_ACTOR,
          action,
          outcome: 'succeeded',
          environment: g.environment,
          details: {
            userId: user.id,
            email: user.email,
            role: g.role,
            environment: g.environment,
            source: 'sso',
            group: g.group,
            signIn: via,
          },
        });
      }
    }
    return { added, removed };
  }, TX_OPTIONS);
}
