// The rewrite attacks on the audit chain, done exactly as an attacker with
// the database's superuser password would: triggers off for the session
// (session_replication_role = replica), then delete the newest records, or
// change one and re-hash everything after it with plain SHA-256. The key and
// the chain head live outside the database, so the verifier (function and
// `npm run audit:verify`) names the first bad record either way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import {
  auditDir,
  chainHeadFile,
  GENESIS_HASH,
  legacyRecordHash,
  readChainHead,
  recordAudit,
  verifyAuditChain,
} from './index';

const T = { timeout: 120_000 };
const dbs: TTestDatabase[] = [];

before(async () => {
  // The server (and the audit folder of its databases) starts with the first database.
  dbs.push(await createTestDatabase());
});
after(async () => {
  for (const db of dbs) await db.drop();
  await stopTestServer();
});

async function freshChain(records: number): Promise<{ db: TTestDatabase; seqs: bigint[] }> {
  const db = await createTestDatabase();
  dbs.push(db);
  for (let i = 0; i < records; i++) {
    await recordAudit(db.prisma, {
      actor: `u-${i}`,
      actorName: `User ${i}`,
      action: 'upgrade',
      outcome: 'succeeded',
      environment: 'production',
      release: 'alpha-members',
      revisionAfter: i + 1,
    });
  }
  const rows = await db.prisma.auditRecord.findMany({
    orderBy: { seq: 'asc' },
    select: { seq: true },
  });
  return { db, seqs: rows.map((r) => r.seq) };
}

/** The attacker: superuser, append-only triggers off for this session only. */
async function asSuperuser(db: TTestDatabase, work: (c: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.end();
  }
}

async function dbName(db: TTestDatabase): Promise<string> {
  return (await db.prisma.$queryRaw<{ d: string }[]>`SELECT current_database() AS d`)[0]!.d;
}

function cliVerify(db: TTestDatabase) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: db.url },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('audit chain rewrite attacks', () => {
  test('the key and the chain head are 0600 files outside the database', T, async () => {
    const { db, seqs } = await freshChain(2);
    const name = await dbName(db);
    const head = readChainHead(name);
    assert.equal(head?.seq, seqs.at(-1), 'the head names the newest record');
    assert.equal(statSync(chainHeadFile(name)).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(auditDir(), 'audit.key')).mode & 0o777, 0o600);
    assert.deepEqual(await verifyAuditChain(db.prisma), {
      ok: true,
      count: 2,
      headSeq: Number(seqs[1]),
    });
  });

  test('deleting the newest records with triggers off is detected and named', T, async () => {
    const { db, seqs } = await freshChain(6);
    await asSuperuser(db, (c) =>
      c.query('DELETE FROM audit_record WHERE seq >= $1', [seqs[4]!.toString()]).then(() => {}),
    );
    // What is left links up perfectly: only the head outside the database tells.
    let result = await verifyAuditChain(db.prisma);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.firstBrokenSeq, Number(seqs[5]));
    assert.match(
      !result.ok ? result.reason : '',
      new RegExp(`records after #${seqs[3]} were deleted`),
    );

    // Helmdeck goes on writing: its new record links to the shortened chain, and is the one named.
    await recordAudit(db.prisma, { actor: 'u-next', action: 'rollback', outcome: 'intent' });
    const next = (await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })).seq;
    result = await verifyAuditChain(db.prisma);
    assert.equal(!result.ok && result.firstBrokenSeq, Number(next));
    assert.equal(readChainHead(await dbName(db))?.seq, seqs[5], 'the head did not move back');

    const cli = cliVerify(db);
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, new RegExp(`BROKEN at record #${next}.*were deleted`));
  });

  test('a record rewritten and the rest re-hashed with plain SHA-256 is named', T, async () => {
    const { db, seqs } = await freshChain(6);
    const victim = seqs[2]!;
    await asSuperuser(db, async (c) => {
      const { rows } = await c.query<{ seq: string }>(
        'SELECT seq FROM audit_record WHERE seq >= $1 ORDER BY seq',
        [victim.toString()],
      );
      const before = await db.prisma.auditRecord.findFirstOrThrow({
        where: { seq: { lt: victim } },
        orderBy: { seq: 'desc' },
      });
      let prev = before.hash;
      for (const { seq } of rows) {
        if (BigInt(seq) === victim)
          await c.query(
            `UPDATE audit_record SET actor = 'mallory', "actorName" = 'Mallory' WHERE seq = $1`,
            [seq],
          );
        const row = await db.prisma.auditRecord.findUniqueOrThrow({ where: { seq: BigInt(seq) } });
        const hash = legacyRecordHash(prev, row);
        await c.query(`UPDATE audit_record SET "prevHash" = $1, hash = $2 WHERE seq = $3`, [
          prev,
          hash,
          seq,
        ]);
        prev = hash;
      }
    });
    const result = await verifyAuditChain(db.prisma);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.firstBrokenSeq, Number(victim));
    assert.match(!result.ok ? result.reason : '', /re-hashed without the key/);
    const cli = cliVerify(db);
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, new RegExp(`BROKEN at record #${victim} .*Mallory`));
  });

  test(
    'a chain from before the key verifies; a rewrite of it is caught at the first keyed record',
    T,
    async () => {
      const db = await createTestDatabase();
      dbs.push(db);
      // Three records as the unkeyed version wrote them, and no chain head yet.
      let prev = GENESIS_HASH;
      for (let i = 0; i < 3; i++) {
        const at = new Date(Date.UTC(2026, 0, 1, 0, i));
        const fields = {
          at,
          actor: `old-${i}`,
          actorName: null,
          action: 'upgrade',
          outcome: 'succeeded',
          environment: 'staging',
          cluster: null,
          namespace: null,
          release: 'alpha-members',
          revisionBefore: null,
          revisionAfter: null,
          chart: null,
          chartVersion: null,
          valuesDigest: null,
          ticketId: null,
          operationId: null,
          durationMs: null,
          exitStatus: null,
          error: null,
          details: null,
        };
        const hash = legacyRecordHash(prev, fields);
        await db.prisma.auditRecord.create({
          data: { ...fields, outcome: 'succeeded', details: undefined, prevHash: prev, hash },
        });
        prev = hash;
      }
      await recordAudit(db.prisma, { actor: 'new', action: 'upgrade', outcome: 'intent' });
      const name = await dbName(db);
      const rows = await db.prisma.auditRecord.findMany({ orderBy: { seq: 'asc' } });
      assert.equal(
        readChainHead(name)?.legacyThrough,
        rows[2]!.seq,
        'the old records are marked legacy',
      );
      assert.equal((await verifyAuditChain(db.prisma)).ok, true);

      // Rewrite an old record and re-hash the old part with SHA-256: the keyed record after it no longer links.
      await asSuperuser(db, async (c) => {
        let p = GENESIS_HASH;
        for (const row of rows.slice(0, 3)) {
          const changed = row.seq === rows[1]!.seq ? { ...row, actor: 'mallory' } : row;
          const hash = legacyRecordHash(p, changed);
          await c.query(
            `UPDATE audit_record SET actor = $1, "prevHash" = $2, hash = $3 WHERE seq = $4`,
            [changed.actor, p, hash, row.seq.toString()],
          );
          p = hash;
        }
      });
      const result = await verifyAuditChain(db.prisma);
      assert.equal(!result.ok && result.firstBrokenSeq, Number(rows[3]!.seq));
      assert.match(!result.ok ? result.reason : '', /link/);
    },
  );
});
