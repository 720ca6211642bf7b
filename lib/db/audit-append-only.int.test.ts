import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, stopTestServer, type TTestDatabase } from './test-database';

const TIMEOUT = { timeout: 120_000 };
let db: TTestDatabase;

before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.drop();
  await stopTestServer();
});

async function record(seqHint: string) {
  return db.prisma.auditRecord.create({
    data: {
      prevHash: '0'.repeat(64),
      hash: seqHint.padEnd(64, '0'),
      actor: 'user-1',
      action: 'upgrade',
      outcome: 'intent',
      environment: 'staging',
      release: 'alpha-members',
      details: { note: 'kept forever' },
    },
  });
}

const APPEND_ONLY = /audit_record is append-only/;

describe('the audit table is append-only in the database', () => {
  test('records can be inserted and read back', TIMEOUT, async () => {
    const first = await record('a');
    const second = await record('b');
    assert.ok(second.seq > first.seq, 'seq grows');
    assert.equal(
      (await db.prisma.auditRecord.findUniqueOrThrow({ where: { seq: first.seq } })).action,
      'upgrade',
    );
  });

  test('UPDATE is refused, and the record is unchanged', TIMEOUT, async () => {
    const row = await record('c');
    await assert.rejects(
      db.prisma.auditRecord.update({ where: { seq: row.seq }, data: { outcome: 'succeeded' } }),
      APPEND_ONLY,
    );
    await assert.rejects(
      db.prisma.$executeRawUnsafe(`UPDATE audit_record SET actor = 'mallory'`),
      APPEND_ONLY,
    );
    const again = await db.prisma.auditRecord.findUniqueOrThrow({ where: { seq: row.seq } });
    assert.equal(again.outcome, 'intent');
    assert.equal(again.actor, 'user-1');
  });

  test('DELETE is refused, even of rows that do not exist', TIMEOUT, async () => {
    const row = await record('d');
    await assert.rejects(db.prisma.auditRecord.delete({ where: { seq: row.seq } }), APPEND_ONLY);
    await assert.rejects(
      db.prisma.auditRecord.deleteMany({ where: { actor: 'nobody' } }),
      APPEND_ONLY,
    );
    assert.ok(await db.prisma.auditRecord.findUnique({ where: { seq: row.seq } }));
  });

  test('TRUNCATE is refused', TIMEOUT, async () => {
    await record('e');
    const before = await db.prisma.auditRecord.count();
    await assert.rejects(db.prisma.$executeRawUnsafe('TRUNCATE audit_record'), APPEND_ONLY);
    assert.equal(await db.prisma.auditRecord.count(), before);
  });
});
