// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the
// embedded Postgres under HELMDECK_DATA_DIR/pg (started and stopped for it).
import { DatabaseError, startDatabase } from '../lib/db';

try {
  const db = await startDatabase();
  const applied = db.appliedMigrations;
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.stop();
  process.exit(0);
} catch (e) {
  console.error(e instanceof DatabaseError ? e.message : e);
  process.exit(1);
}
