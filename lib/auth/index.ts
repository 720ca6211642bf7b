// Authentication (better-auth, sessions in Postgres) and role checks.
// Server code imports from here; client components import only ./roles.
export { getAuth, type TAuth } from './auth';
export { assertRole, ForbiddenError } from './errors';
export {
  describeGrants,
  hasRole,
  ROLE_LABELS,
  ROLES,
  ZRole,
  type TRole,
  type TRoleGrant,
} from './roles';
export {
  getCurrentUser,
  requireApiUser,
  requireRole,
  requireUser,
  requireView,
  requireViewer,
  type TCurrentUser,
} from './session';
