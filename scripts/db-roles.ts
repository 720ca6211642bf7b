// `npm run db:roles`: sets up an external Postgres the way the embedded one
// is: migrations as the owner (DATABASE_OWNER_URL), then the role that
// DATABASE_URL logs in as created if missing and granted what Helmdeck needs
// and no more (INSERT and SELECT only on the audit log, owns nothing).
// pg-boss's queue tables are installed by the owner too (again after an
// upgrade of Helmdeck). `npm run db:roles -- --print` prints the SQL for a
// DBA instead (the queue tables then come from a start with DATABASE_OWNER_URL).
import {
  appRoleProblems,
  appRoleSql,
  closeDatabase,
  grantAppRole,
  migrateDatabase,
  roleOfUrl,
} from '../lib/db';
import { env } from '../lib/env';
import { startBoss } from '../lib/operations/queue';

const { DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl } = env();
if (!appUrl) {
  console.error(
    'DATABASE_URL must name the app role, e.g. postgresql://helmdeck_app:...@db/helmdeck',
  );
  process.exit(2);
}
const role = roleOfUrl(appUrl);
const database = decodeURIComponent(new URL(appUrl).pathname.slice(1));
if (process.argv.includes('--print')) {
  console.log(
    `-- as the owner of database ${database}, after the migrations (npm run db:migrate):`,
  );
  for (const statement of appRoleSql(role, database, true)) console.log(`${statement};`);
  process.exit(0);
}
if (!ownerUrl) {
  console.error('DATABASE_OWNER_URL must name the owner role (it runs the migrations and grants)');
  process.exit(2);
}
try {
  const applied = await migrateDatabase(ownerUrl);
  if (applied.length) console.log(`applied: ${applied.join(', ')}`);
  await grantAppRole(ownerUrl, role, { createRole: true });
  // The job queue's tables, installed by the owner and granted to the role.
  await (await startBoss()).stop({ graceful: false, wait: true });
  await closeDatabase();
  const problems = await appRoleProblems(appUrl);
  if (problems.length) {
    console.error(`role ${role.name} ${problems.join('; ')}`);
    process.exit(1);
  }
  console.log(`role ${role.name}: INSERT and SELECT on the audit log, owns nothing`);
  process.exit(0);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
