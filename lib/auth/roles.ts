// Roles and what a set of grants allows. Pure: shared by server code and the UI.
import { z } from 'zod';

export const ROLES = ['viewer', 'release_manager', 'approver', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ROLE_LABELS: Record<TRole, string> = {
  viewer: 'Viewer',
  release_manager: 'Release manager',
  approver: 'Approver',
  admin: 'Admin',
};

/** One grant; `environment` null means every environment. */
export interface TRoleGrant {
  id: number;
  role: TRole;
  environment: string | null;
}

/** Where a grant came from, for the admin page: an admin (or the demo seed), or an SSO group. */
export type TGrantOrigin =
  { source: 'admin'; grantedBy: string | null } | { source: 'sso'; group: string };

/**
 * Whether the grants hold `role`. With `environment`, a grant limited to
 * another environment does not count; without it, any grant of the role does.
 */
export function hasRole(grants: readonly TRoleGrant[], role: TRole, environment?: string): boolean {
  return grants.some(
    (g) =>
      g.role === role &&
      (environment === undefined || g.environment === null || g.environment === environment),
  );
}

/** "Release manager (staging, production)" style summary per role, for headers and lists. */
export function describeGrants(grants: readonly TRoleGrant[]): string[] {
  return ROLES.flatMap((role) => {
    const mine = grants.filter((g) => g.role === role);
    if (mine.length === 0) return [];
    if (mine.some((g) => g.environment === null)) return [ROLE_LABELS[role]];
    const envs = mine.map((g) => g.environment).join(', ');
    return [`${ROLE_LABELS[role]} (${envs})`];
  });
}
