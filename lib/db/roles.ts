// Helmdeck connects as a role that owns nothing and may not rewrite the audit
// log: it reads and writes the app's tables, but on audit_record it has only
// INSERT and SELECT, and as a non-superuser it cannot switch the append-only
// triggers off (ALTER TABLE, session_replication_role). Migrations and these
// grants run as the owner. Idempotent: applied after every migration.
import pg from 'pg';

/** The app role the embedded Postgres creates. */
export const APP_ROLE = 'helmdeck_app';

/** Tables the app role may read but never change. */
const READ_APPEND_ONLY = ['audit_record'];
const READ_ONLY = ['_prisma_migrations'];

export type TAppRole = { name: string; password?: string };

/** The role and password a connection URL logs in with. */
export function roleOfUrl(url: string): TAppRole {
  const u = new URL(url);
  return {
    name: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

/** `url` logging in as `role` instead. */
export function urlAsRole(url: string, role: TAppRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = role.password ? encodeURIComponent(role.password) : '';
  return u.toString();
}

/** The SQL that sets the app role up on the owner's current database (also shown to DATABASE_URL users). */
export function appRoleSql(role: TAppRole, database: string, createRole: boolean): string[] {
  const r = pg.Client.prototype.escapeIdentifier(role.name);
  const sql: string[] = [];
  if (createRole) {
    sql.push(
      `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
      `ALTER ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT${
        role.password ? ` PASSWORD ${pg.Client.prototype.escapeLiteral(role.password)}` : ''
      }`,
    );
  }
  sql.push(
    `GRANT CONNECT ON DATABASE ${pg.Client.prototype.escapeIdentifier(database)} TO ${r}`,
    // Only the schema's owner may; an external owner that is not is told by the role check instead.
    `DO $$ BEGIN REVOKE CREATE ON SCHEMA public FROM PUBLIC; EXCEPTION WHEN insufficient_privilege THEN NULL; END $$`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    ...READ_APPEND_ONLY.map((t) => `REVOKE ALL ON ${t} FROM ${r}`),
    ...READ_APPEND_ONLY.map((t) => `GRANT SELECT, INSERT ON ${t} TO ${r}`),
    ...READ_ONLY.map((t) => `REVOKE ALL ON ${t} FROM ${r}`),
    ...READ_ONLY.map((t) => `GRANT SELECT ON ${t} TO ${r}`),
    // The job queue's schema: the owner installs pg-boss in it (see lib/operations/queue.ts).
    `CREATE SCHEMA IF NOT EXISTS pgboss`,
    `GRANT USAGE ON SCHEMA pgboss TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${r}`,
  );
  return sql;
}

/**
 * Sets up `role` on the database of `ownerUrl` (run as the owner, after the
 * migrations): created when `createRole` and missing, then granted.
 */
export async function grantAppRole(
  ownerUrl: string,
  role: TAppRole,
  options: { createRole?: boolean } = {},
): Promise<void> {
  if (role.name === roleOfUrl(ownerUrl).name) {
    throw new Error(`the app role must not be the owner role ${role.name}`);
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const [{ db }] = (await client.query<{ db: string }>('SELECT current_database() AS db'))
      .rows as [{ db: string }];
    // One transaction: the grants revoke and re-grant the audit table, and a
    // running instance must never see the moment between (its reads would be
    // refused). The lock keeps instances starting together one at a time.
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [0x726f6c65]); // "role"
      for (const statement of appRoleSql(role, db, options.createRole ?? false))
        await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
}

export type TRoleProblem = string;

/** What is wrong with the role `url` logs in as, for a warning at start; empty when it is safe. */
export async function appRoleProblems(url: string): Promise<TRoleProblem[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      superuser: boolean;
      owns: boolean;
      rewrite: boolean;
    }>(`SELECT r.rolsuper AS superuser,
               EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = 'audit_record'
                       AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns,
               (has_table_privilege('audit_record', 'UPDATE')
                OR has_table_privilege('audit_record', 'DELETE')
                OR has_table_privilege('audit_record', 'TRUNCATE')) AS rewrite
        FROM pg_roles r WHERE r.rolname = current_user`);
    const row = rows[0];
    if (!row) return [];
    const problems: string[] = [];
    if (row.superuser) problems.push('is a superuser (it can switch the audit triggers off)');
    if (row.owns) problems.push('owns the audit table (it can alter or drop it)');
    if (row.rewrite) problems.push('may UPDATE, DELETE or TRUNCATE the audit table');
    return problems;
  } finally {
    await client.end();
  }
}
