// Who may do what: a pure function of the user's grants, the action and its
// target. Every server action, route handler and the operation queue asks it;
// the UI only hides what it would deny anyway. Ticket gates and freeze
// windows are checked on top of an allow from here. The operation actions are
// the operation kinds themselves (lib/operations/kinds/names.ts).
import { hasRole, ROLE_LABELS, type TRole, type TRoleGrant } from '@/lib/auth/roles';
import { OPERATION_KINDS, type TOperationKind } from '@/lib/operations/kinds/names';

/** Actions that change a cluster: one per operation kind, named like it; they run as operations. */
export const MUTATING_ACTIONS: readonly TOperationKind[] = OPERATION_KINDS;

const OTHER_ACTIONS = [
  'view',
  'ticket.create',
  'ticket.approve',
  'ticket.reject',
  'users.manage',
  'break-glass',
  'audit.verify',
] as const;

export type TPolicyAction = TOperationKind | (typeof OTHER_ACTIONS)[number];

export const POLICY_ACTIONS: readonly TPolicyAction[] = [
  'view',
  ...MUTATING_ACTIONS,
  ...OTHER_ACTIONS.filter((a) => a !== 'view'),
];

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

type TNeed = { role: TRole | 'any'; global?: boolean };

/** Which role each action but an operation needs; environment-scoped unless said otherwise. */
const NEEDS: Record<(typeof OTHER_ACTIONS)[number], TNeed> = {
  view: { role: 'any' },
  'ticket.create': { role: 'release_manager' },
  'ticket.approve': { role: 'approver' },
  'ticket.reject': { role: 'approver' },
  // Admin powers are never limited to one environment.
  'users.manage': { role: 'admin', global: true },
  'break-glass': { role: 'admin', global: true },
  // Verifying reads every record of every environment and names where the chain breaks.
  'audit.verify': { role: 'admin', global: true },
};
/** Every operation kind is a release manager's, in the environment it changes. */
const OPERATION_NEED: TNeed = { role: 'release_manager' };

function needOf(action: string): TNeed | undefined {
  if ((MUTATING_ACTIONS as readonly string[]).includes(action)) return OPERATION_NEED;
  return Object.hasOwn(NEEDS, action) ? NEEDS[action as keyof typeof NEEDS] : undefined;
}

function grantsRoleGlobally(grants: TPolicyUser['grants'], role: TRole): boolean {
  return grants.some((g) => g.role === role && g.environment === null);
}

/** Allow, or deny with a reason written for the user. */
export function decide({ user, action, target }: TPolicyInput): TPolicyDecision {
  const need = needOf(action);
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

/**
 * Where `user` may view: every environment, or the ones their grants name.
 * The same rule as decide('view'), as a filter a query can use.
 */
export function viewableEnvironments(user: TPolicyUser): 'all' | readonly string[] {
  if (user.grants.some((g) => g.environment === null)) return 'all';
  return [...new Set(user.grants.map((g) => g.environment as string))];
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
