// The read side of the policy: every page, route handler, stream and export
// asks here whether the caller may view the environment it shows, and lists
// are cut down to the environments they may view. Pure, so route handlers,
// pages and tests share one rule with decide('view').
import { ForbiddenError } from '@/lib/auth/errors';
import { decide, viewableEnvironments, type TPolicyUser } from './decide';

/** Every environment, or just these. */
export type TViewScope = 'all' | readonly string[];

export const NO_ROLE_MESSAGE =
  'You have no role in Helmdeck yet, so there is nothing you may see. Ask an admin to grant you one.';

export function mayView(user: TPolicyUser, environment: string): boolean {
  return decide({ user, action: 'view', target: { environment } }).allow;
}

/** The user's view scope; a user without any role cannot read anything at all. */
export function viewScope(user: TPolicyUser): TViewScope {
  return viewableEnvironments(user);
}

export function inScope(scope: TViewScope, environment: string | null | undefined): boolean {
  if (scope === 'all') return true;
  return typeof environment === 'string' && scope.includes(environment);
}

/** Refuses a user who holds no role at all (the no-role page says the same). */
export function assertSomeRole(user: TPolicyUser): void {
  if (user.grants.length === 0) throw new ForbiddenError(NO_ROLE_MESSAGE);
}

/** Refuses (403, naming the environment) unless `user` may view every one of `environments`. */
export function assertView(user: TPolicyUser, ...environments: string[]): void {
  assertSomeRole(user);
  for (const environment of environments) {
    const verdict = decide({ user, action: 'view', target: { environment } });
    if (!verdict.allow) throw new ForbiddenError(verdict.reason);
  }
}

/** The items whose environment `user` may view; items without one only for a user who sees all. */
export function visibleOnly<T>(
  user: TPolicyUser,
  items: readonly T[],
  environmentOf: (item: T) => string | null | undefined,
): T[] {
  const scope = viewScope(user);
  return items.filter((item) => inScope(scope, environmentOf(item)));
}
