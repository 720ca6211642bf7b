// Errors whose message is written for the user. Anything carrying a
// `userMessage` is shown as is; every other error is logged with an id and
// shown as "something went wrong (id)" (see app/_lib/errors.ts).
import { hasRole, ROLE_LABELS, type TRole, type TRoleGrant } from './roles';

export class ForbiddenError extends Error {
  readonly userMessage: string;
  constructor(userMessage: string) {
    super(userMessage);
    this.name = 'ForbiddenError';
    this.userMessage = userMessage;
  }
}

/** Throws a ForbiddenError naming the missing role, for actions that answer with a message. */
export function assertRole(
  user: { grants: readonly TRoleGrant[] },
  role: TRole,
  environment?: string,
): void {
  if (hasRole(user.grants, role, environment)) return;
  const where = environment ? ` for ${environment}` : '';
  throw new ForbiddenError(`You need the ${ROLE_LABELS[role]} role${where} to do this.`);
}
