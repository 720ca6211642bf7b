// The audit log against a real Postgres: chained writes (also concurrent),
// filters, CSV, and tampering by someone with superuser access detected.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import {
  appendAudit,
  AUDIT_TX_OPTIONS,
  auditCsv,
  recordAudit,
  listAudit,
  verifyAuditChain,
} from './index';

const T = { timeout: 120_000 };
let db: TTestDatabase;

before(async () => {
  db = await createTestDatabase({ asDefault: true });
});
after(async () => {
  await db.drop();
  await stopTestServer();
});

/** The attacker's path: superuser, triggers off for the session. */
async function asSuperuser(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe('audit log', () => {
  test('records chain to each other, also when many instances write at once', T, async () => {
    await recordAudit(db.prisma, {
      actor: 'u-rita',
      actorName: 'Rita',
      action: 'upgrade',
      outcome: 'intent',
      environment: 'staging',
      release: 'alpha-members',
    });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.prisma.$transaction(
          (tx) =>
            appendAudit(tx, {
              actor: `u-${i % 3}`,
              action: i % 2 ? 'rollback' : 'upgrade',
              outcome: i % 4 === 0 ? 'failed' : 'succeeded',
              environment: i % 2 ? 'production' : 'staging',
              release: 'alpha-members',
              durationMs: i,
            }),
          AUDIT_TX_OPTIONS,
        ),
      ),
    );
    const result = await verifyAuditChain(db.prisma);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.count, 21);
    const prevs = await db.prisma.auditRecord.findMany({ select: { prevHash: true } });
    assert.equal(
      new Set(prevs.map((p) => p.prevHash)).size,
      prevs.length,
      'no two records share a predecessor (no fork)',
    );
  });

  test(
    'appends given the plain client, not a transaction, still chain when they race',
    T,
    async () => {
      const own = await createTestDatabase();
      try {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            appendAudit(own.prisma, {
              actor: `u-${i % 4}`,
              action: 'ticket.submit',
              outcome: 'denied',
              error: 'no such ticket',
            }),
          ),
        );
        const result = await verifyAuditChain(own.prisma);
        assert.equal(result.ok, true, JSON.stringify(result));
        assert.equal(result.count, 20);
      } finally {
        await own.drop();
      }
    },
  );

  test('secret-looking values never enter a record', T, async () => {
    await recordAudit(db.prisma, {
      actor: 'u-rita',
      action: 'upgrade',
      outcome: 'intent',
      environment: 'staging',
      release: 'beta-payments',
      details: {
        values: { image: { tag: '1.2.3' }, database: { password: 'hunter2' }, apiToken: 'abc' },
      },
    });
    const [entry] = (await listAudit({ release: 'beta-payments' })).records;
    const text = JSON.stringify(entry?.details);
    assert.doesNotMatch(text, /hunter2|"abc"/);
    assert.match(text, /1\.2\.3/);
    assert.equal((await verifyAuditChain(db.prisma)).ok, true);
  });

  test('auditor filters by who, environment, outcome and time, page by page', T, async () => {
    const rita = await listAudit({ who: 'rita' });
    assert.ok(rita.records.length >= 2 && rita.records.every((r) => r.actor === 'u-rita'));
    const failedStaging = await listAudit({ environment: 'staging', outcome: 'failed' });
    assert.ok(failedStaging.total > 0);
    assert.ok(
      failedStaging.records.every((r) => r.environment === 'staging' && r.outcome === 'failed'),
    );
    const page2 = await listAudit({}, { page: 2, pageSize: 5 });
    assert.equal(page2.records.length, 5);
    assert.equal(page2.total, 22);
    const none = await listAudit({ from: new Date(Date.now() + 60_000) });
    assert.equal(none.total, 0);
  });

  test('CSV export has a header, one row per record and defused formulas', T, async () => {
    await recordAudit(db.prisma, {
      actor: 'u-x',
      action: 'upgrade',
      outcome: 'failed',
      error: '=HYPERLINK("evil")',
      release: 'csv-check',
    });
    const csv = await auditCsv({ release: 'csv-check' });
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /^seq,at,actor,/);
    assert.match(lines[1] ?? '', /"'=HYPERLINK\(""evil""\)"/);
  });

  test('a record changed by a superuser with triggers disabled is found and named', T, async () => {
    const rows = await db.prisma.auditRecord.findMany({
      orderBy: { seq: 'asc' },
      select: { seq: true },
    });
    const victim = rows[5]!.seq;
    await asSuperuser(`UPDATE audit_record SET actor = 'mallory' WHERE seq = $1`, [
      victim.toString(),
    ]);
    const result = await verifyAuditChain(db.prisma);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.firstBrokenSeq, Number(victim));
    assert.match(!result.ok ? result.reason : '', /changed/);
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, new RegExp(`BROKEN at record #${victim} .*mallory`));
  });

  test('a deleted record breaks the link of the record after it', T, async () => {
    const other = await createTestDatabase();
    try {
      for (let i = 0; i < 5; i++)
        await recordAudit(other.prisma, { actor: 'u', action: 'test', outcome: 'succeeded' });
      const rows = await other.prisma.auditRecord.findMany({
        orderBy: { seq: 'asc' },
        select: { seq: true },
      });
      const client = new pg.Client({ connectionString: other.url });
      await client.connect();
      await client.query(`ALTER TABLE audit_record DISABLE TRIGGER USER`);
      await client.query(`DELETE FROM audit_record WHERE seq = $1`, [rows[2]!.seq.toString()]);
      await client.end();
      const result = await verifyAuditChain(other.prisma);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.firstBrokenSeq, Number(rows[3]!.seq));
      assert.match(!result.ok ? result.reason : '', /link/);
    } finally {
      await other.drop();
    }
  });
});
