// Policy refusals: an AppError with code `forbidden` (403 on every route).
import { AppError } from '@/lib/errors';
import { hasRole, ROLE_LABELS, type TRole, type TRoleGrant } from './roles';

export class ForbiddenError extends AppError {
  constructor(userMessage: string) {
    super('forbidden', userMessage);
    this.name = 'ForbiddenError';
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
