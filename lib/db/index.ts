// The database layer, usable from scripts and from Next server code alike
// (so no `import 'server-only'` here; importers in app/ carry their own).
export {
  getDatabase,
  getPrisma,
  currentPrisma,
  createPrismaClient,
  setDatabaseUrl,
  useDatabaseUrl,
  closeDatabase,
} from './client';
export { startDatabase, type TDatabase, type TStartDatabaseOptions } from './start-database';
export { migrateDatabase, type TMigrateOptions } from './migrate';
export { APP_ROLE, appRoleProblems, appRoleSql, grantAppRole, roleOfUrl, urlAsRole } from './roles';
export { DatabaseError, redactUrl } from './database-error';
export { isUniqueViolation } from './unique-violation';
export type { PrismaClient } from '../generated/prisma/client';
export { Prisma } from '../generated/prisma/client';
export * from '../generated/prisma/enums';
