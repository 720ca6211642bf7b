// The operations list filters by what the user may see inside the query, so a
// page holds `limit` rows whenever that many are visible, however many newer
// operations of other environments there are. Real Postgres, rows as the
// queue writes them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { createUsers } from '@/lib/testing';
import { listOperations } from './read-operations';

let db: TTestDatabase;
const stagingViewer = {
  id: 'u-sv',
  name: 'Sam',
  grants: [{ role: 'viewer' as const, environment: 'staging' }],
};

before(async () => {
  db = await createTestDatabase({ asDefault: true });
  await createUsers(db.prisma, [stagingViewer]);
  // Five staging operations, then twenty newer production ones the viewer may not see.
  for (const [environment, count] of [
    ['staging', 5],
    ['production', 20],
  ] as const)
    for (let i = 0; i < count; i++)
      await db.prisma.operation.create({
        data: {
          kind: 'upgrade',
          state: 'succeeded',
          environment,
          cluster: environment === 'staging' ? 'staging' : 'east',
          namespace: environment,
          release: 'alpha-members',
          requestedById: stagingViewer.id,
        },
      });
});
after(async () => {
  await db?.drop();
  await stopTestServer();
});

test('a staging viewer gets a full page of staging operations behind newer production ones', async () => {
  const page = await listOperations(stagingViewer, { limit: 3 });
  assert.equal(page.length, 3);
  assert.ok(page.every((op) => op.environment === 'staging'));
  const all = await listOperations(stagingViewer, { limit: 50 });
  assert.equal(all.length, 5, 'every staging operation, none of production');
  assert.deepEqual(await listOperations(stagingViewer, { environment: 'production' }), []);
});
