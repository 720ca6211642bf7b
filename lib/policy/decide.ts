// Who may do what: a pure function of the user's grants, the action and its
// target. Every server action, route handler and the operation queue asks it;
// the UI only hides what it would deny anyway. Ticket gates and freeze
// windows (issue 6) are checked on top of an allow from here.
import { hasRole, ROLE_LABELS, type TRole, type TRoleGrant } from '@/lib/auth/roles';

export const POLICY_ACTIONS = [
  'view',
  'install',
  'upgrade',
  'rollback',
  'uninstall',
  'test',
  'recover',
  'ticket.create',
  'ticket.approve',
  'ticket.reject',
  'users.manage',
  'break-glass',
] as const;
export type TPolicyAction = (typeof POLICY_ACTIONS)[number];

/** Actions that change a cluster: they run as operations. */
export const MUTATING_ACTIONS = [
  'install',
  'upgrade',
  'rollback',
  'uninstall',
  'test',
  'recover',
] as const;

export type TPolicyUser = {
  id: string;
  grants: readonly Pick<TRoleGrant, 'role' | 'environment'>[];
};

export type TPolicyTarget = {
  /** Required for every action but users.manage. */
  environment?: string;
  cluster?: string;
  release?: string;
  /** For ticket decisions: who asked for the change (nobody approves their own). */
  ticket?: { requesterId: string };
};

export type TPolicyInput = { user: TPolicyUser; action: TPolicyAction; target: TPolicyTarget };
export type TPolicyDecision = { allow: true } | { allow: false; reason: string };

const ALLOW: TPolicyDecision = { allow: true };
const deny = (reason: string): TPolicyDecision => ({ allow: false, reason });

/** Which role each action needs; environment-scoped unless said otherwise. */
const NEEDS: Record<TPolicyAction, { role: TRole | 'any'; global?: boolean }> = {
  view: { role: 'any' },
  install: { role: 'release_manager' },
  upgrade: { role: 'release_manager' },
  rollback: { role: 'release_manager' },
  uninstall: { role: 'release_manager' },
  test: { role: 'release_manager' },
  recover: { role: 'release_manager' },
  'ticket.create': { role: 'release_manager' },
  'ticket.approve': { role: 'approver' },
  'ticket.reject': { role: 'approver' },
  // Admin powers are never limited to one environment.
  'users.manage': { role: 'admin', global: true },
  'break-glass': { role: 'admin', global: true },
};

function grantsRoleGlobally(grants: TPolicyUser['grants'], role: TRole): boolean {
  return grants.some((g) => g.role === role && g.environment === null);
}

/** Allow, or deny with a reason written for the user. */
export function decide({ user, action, target }: TPolicyInput): TPolicyDecision {
  const need = NEEDS[action];
  if (!need) return deny(`"${String(action)}" is not an action Helmdeck knows.`);
  const grants = user.grants as TRoleGrant[];
  if (need.global) {
    if (!grantsRoleGlobally(grants, need.role as TRole)) {
      return deny(`You need the ${ROLE_LABELS[need.role as TRole]} role to do this.`);
    }
    return ALLOW;
  }
  const env = target.environment;
  if (!env) return deny('No environment was named for this action.');
  if (need.role === 'any') {
    const any = grants.some((g) => g.environment === null || g.environment === env);
    return any ? ALLOW : deny(`You have no role for ${env}.`);
  }
  if (!hasRole(grants, need.role, env)) {
    return deny(`You need the ${ROLE_LABELS[need.role]} role for ${env} to ${describe(action)}.`);
  }
  if (
    (action === 'ticket.approve' || action === 'ticket.reject') &&
    target.ticket?.requesterId === user.id
  ) {
    return deny('You cannot decide on a change ticket you requested.');
  }
  return ALLOW;
}

function describe(action: TPolicyAction): string {
  switch (action) {
    case 'ticket.create':
      return 'open change tickets';
    case 'ticket.approve':
      return 'approve change tickets';
    case 'ticket.reject':
      return 'reject change tickets';
    case 'test':
      return 'run helm tests';
    default:
      return `${action} releases`;
  }
}
