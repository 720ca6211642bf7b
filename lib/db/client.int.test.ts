import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getPrisma, isUniqueViolation } from './index';
import { createTestDatabase, stopTestServer, type TTestDatabase } from './test-database';

const TIMEOUT = { timeout: 120_000 };
let db: TTestDatabase;

before(async () => {
  db = await createTestDatabase({ asDefault: true }); // getPrisma() answers with it
});
after(async () => {
  await db.drop();
  await stopTestServer();
});

describe('generated client', () => {
  test(
    'creates a user holding several roles, one limited to an environment, and reads them back',
    TIMEOUT,
    async () => {
      const prisma = await getPrisma();
      await prisma.user.create({
        data: {
          id: 'u-rm',
          name: 'Rita Manager',
          email: 'rita@example.test',
          roleGrants: {
            create: [{ role: 'release_manager', environment: 'staging' }, { role: 'approver' }],
          },
        },
      });
      const user = await prisma.user.findUniqueOrThrow({
        where: { email: 'rita@example.test' },
        include: { roleGrants: { orderBy: { role: 'asc' } } },
      });
      assert.equal(user.emailVerified, false);
      assert.deepEqual(
        user.roleGrants.map((g) => [g.role, g.environment]),
        [
          ['release_manager', 'staging'],
          ['approver', null],
        ],
      );
    },
  );

  test('the same role cannot be granted twice, globally or per environment', TIMEOUT, async () => {
    const prisma = await getPrisma();
    await prisma.user.create({ data: { id: 'u-dup', name: 'Dup', email: 'dup@example.test' } });
    await prisma.roleGrant.create({ data: { userId: 'u-dup', role: 'viewer' } });
    await prisma.roleGrant.create({
      data: { userId: 'u-dup', role: 'release_manager', environment: 'staging' },
    });
    await prisma.roleGrant.create({
      data: { userId: 'u-dup', role: 'release_manager', environment: 'production' },
    });
    await assert.rejects(
      prisma.roleGrant.create({ data: { userId: 'u-dup', role: 'viewer' } }),
      isUniqueViolation,
    );
    await assert.rejects(
      prisma.roleGrant.create({
        data: { userId: 'u-dup', role: 'release_manager', environment: 'staging' },
      }),
      isUniqueViolation,
    );
  });

  test('a release has at most one queued or running operation', TIMEOUT, async () => {
    const prisma = await getPrisma();
    await prisma.user.create({ data: { id: 'u-op', name: 'Op', email: 'op@example.test' } });
    const target = {
      environment: 'staging',
      cluster: 'dev',
      namespace: 'staging',
      release: 'alpha-members',
    };
    const first = await prisma.operation.create({
      data: { ...target, kind: 'upgrade', requestedById: 'u-op' },
    });
    await assert.rejects(
      prisma.operation.create({ data: { ...target, kind: 'rollback', requestedById: 'u-op' } }),
      isUniqueViolation,
    );
    // Another release runs in parallel.
    await prisma.operation.create({
      data: { ...target, release: 'beta-payments', kind: 'upgrade', requestedById: 'u-op' },
    });
    await prisma.operation.update({
      where: { id: first.id },
      data: { state: 'succeeded', finishedAt: new Date() },
    });
    const next = await prisma.operation.create({
      data: { ...target, kind: 'rollback', requestedById: 'u-op' },
    });
    assert.equal(next.state, 'queued');
  });
});
