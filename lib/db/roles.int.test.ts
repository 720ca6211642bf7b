// The embedded Postgres as Helmdeck starts it: migrations and the queue's
// schema as the owner, the app on a role that owns nothing and may only
// INSERT and SELECT audit records. Every way to rewrite the audit log that
// a superuser has is refused to it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { tempDir } from './testing/temp-dir';

const data = await tempDir('helmdeck-roles-');
process.env.HELMDECK_DATA_DIR = data.dir;
delete process.env.DATABASE_URL;
delete process.env.DATABASE_OWNER_URL;
const { appRoleProblems, closeDatabase, getDatabase, getPrisma, roleOfUrl } =
  await import('./index');
const { grantAppRole } = await import('./roles');
const { recordAudit, verifyAuditChain } = await import('@/lib/audit');
const { OPERATION_QUEUE, startBoss, stopQueue } = await import('@/lib/operations/queue');

const T = { timeout: 180_000 };
let appUrl: string;
let ownerUrl: string;

before(async () => {
  const db = await getDatabase();
  appUrl = db.url;
  ownerUrl = db.ownerUrl!;
});
after(async () => {
  await stopQueue();
  await closeDatabase();
  await data.remove();
});

async function asApp<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the app database role', () => {
  test('Helmdeck connects as helmdeck_app, not as the owner', T, async () => {
    assert.equal(roleOfUrl(appUrl).name, 'helmdeck_app');
    assert.equal(roleOfUrl(ownerUrl).name, 'postgres');
    assert.deepEqual(await appRoleProblems(appUrl), []);
    assert.ok((await appRoleProblems(ownerUrl)).some((p) => /superuser/.test(p)));
  });

  test('it writes and reads audit records, and the chain verifies', T, async () => {
    const prisma = await getPrisma();
    await recordAudit(prisma, { actor: 'u-rita', action: 'upgrade', outcome: 'intent' });
    await recordAudit(prisma, { actor: 'u-rita', action: 'upgrade', outcome: 'succeeded' });
    const result = await verifyAuditChain(prisma);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  test(
    'UPDATE, DELETE, TRUNCATE, ALTER, DROP and switching triggers off are refused',
    T,
    async () => {
      const refused: [string, RegExp][] = [
        [`UPDATE audit_record SET actor = 'mallory'`, /permission denied for table audit_record/],
        [`DELETE FROM audit_record`, /permission denied for table audit_record/],
        [`TRUNCATE audit_record`, /permission denied for table audit_record/],
        [`ALTER TABLE audit_record DISABLE TRIGGER USER`, /must be owner of table audit_record/],
        [`DROP TABLE audit_record`, /must be owner of table audit_record/],
        [`SET session_replication_role = replica`, /permission denied to set parameter/],
        [`CREATE TABLE audit_copy (seq bigint)`, /permission denied for schema public/],
        [`ALTER ROLE helmdeck_app SUPERUSER`, /permission denied|must be superuser/],
      ];
      await recordAudit(await getPrisma(), {
        actor: 'u-rita',
        action: 'upgrade',
        outcome: 'intent',
      });
      const countNow = () => asApp<{ n: string }>('SELECT count(*) AS n FROM audit_record');
      const before = await countNow();
      for (const [sql, error] of refused) await assert.rejects(asApp(sql), error, sql);
      assert.deepEqual(await countNow(), before, 'nothing was changed');
    },
  );

  test('granting again while the app reads never refuses one of its reads', T, async () => {
    const reader = new pg.Client({ connectionString: appUrl });
    await reader.connect();
    let granting = true;
    const grants = (async () => {
      for (let i = 0; i < 15; i += 1) await grantAppRole(ownerUrl, roleOfUrl(appUrl));
      granting = false;
    })();
    let reads = 0;
    try {
      while (granting) {
        await reader.query('SELECT seq FROM audit_record ORDER BY seq DESC LIMIT 1');
        reads += 1;
      }
      await grants;
    } finally {
      await reader.end();
    }
    assert.ok(reads > 15, `${reads} reads ran while granting`);
  });

  test('the job queue works for it, and it owns nothing at all', T, async () => {
    const boss = await startBoss();
    try {
      assert.ok(await boss.getQueue(OPERATION_QUEUE), 'the owner created the queue');
      const id = await boss.send(OPERATION_QUEUE, { probe: true });
      assert.ok(id, 'the app role enqueues');
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const [owned] = await asApp<{ tables: string; schemas: string; functions: string }>(`
      SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS tables,
             (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
             (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) AS functions
      FROM pg_roles r WHERE r.rolname = current_user`);
    assert.deepEqual(owned, { tables: '0', schemas: '0', functions: '0' });
  });
});
