// Users and their roles: creation, grants, demo seeding.
export { withFailureAudit, type TActor } from './audit-user-change';
export { createUser, setPassword, ZNewUser, type TNewUser } from './create-user';
export { UserInputError } from './errors';
export { listRoleGrants } from './list-role-grants';
export { listUsers, type TUserSummary } from './list-users';
export { grantRole, revokeRole, type TGrantRequest } from './role-grants';
export { DEMO_USERS, type TDemoUser } from './demo-users';
export { seedDemoUsers } from './seed-demo-users';
