// The registry, the Prisma enum and the migrations name the same kinds: a
// kind added in one place and not the others fails here (and mostly at
// compile time already).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { POLICY_ACTIONS } from '@/lib/policy';
import { KINDS, RESTORE_KINDS, TICKET_KINDS } from './index';
import { OPERATION_KINDS } from './names';

const PRISMA = path.resolve('prisma');

function schemaEnum(name: string): string[] {
  const schema = readFileSync(path.join(PRISMA, 'schema.prisma'), 'utf8');
  const block = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1];
  assert.ok(block, `schema.prisma has an enum ${name}`);
  return block
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('@@'));
}

// The values the migrations create, in the order they add them.
function migratedEnum(type: string): string[] {
  const dir = path.join(PRISMA, 'migrations');
  const values: string[] = [];
  for (const m of readdirSync(dir).sort()) {
    if (!/^\d/.test(m)) continue;
    const sql = readFileSync(path.join(dir, m, 'migration.sql'), 'utf8');
    const created = new RegExp(`CREATE TYPE "${type}" AS ENUM \\(([^)]*)\\)`).exec(sql)?.[1];
    if (created) values.push(...[...created.matchAll(/'([^']+)'/g)].map((x) => x[1]!));
    for (const added of sql.matchAll(new RegExp(`ALTER TYPE "${type}" ADD VALUE '([^']+)'`, 'g')))
      values.push(added[1]!);
  }
  return values;
}

describe('operation-kind registry', () => {
  test('the registry, the Prisma enum, its generated client and the migrations list the same kinds', () => {
    const registry = Object.keys(KINDS).sort();
    assert.deepEqual(schemaEnum('OperationKind').sort(), registry);
    assert.deepEqual(migratedEnum('operation_kind').sort(), registry);
    assert.deepEqual([...OPERATION_KINDS].sort(), registry, 'npm run db:generate is current');
  });

  test('every kind is registered under its own name', () => {
    for (const [key, kind] of Object.entries(KINDS)) assert.equal(kind.name, key);
  });

  test('every kind is a policy action', () => {
    for (const kind of Object.keys(KINDS))
      assert.ok((POLICY_ACTIONS as readonly string[]).includes(kind), kind);
  });

  test('rollback, recover, switch back and canary abort are restores; deploys, uninstall, promote, switches and canary starts need tickets; tests and canary steps only freeze', () => {
    assert.deepEqual(RESTORE_KINDS, ['rollback', 'recover', 'switch_back', 'canary_abort']);
    assert.deepEqual(TICKET_KINDS, [
      'install',
      'upgrade',
      'uninstall',
      'promote',
      'deploy_idle',
      'switch_traffic',
      'canary_start',
      'flag_set',
    ]);
    assert.equal(KINDS.test.gate, 'freeze-only');
    assert.equal(KINDS.canary_step.gate, 'freeze-only');
    assert.equal(KINDS.canary_promote.gate, 'freeze-only');
    assert.equal(KINDS.test_idle.gate, 'freeze-only');
  });

  test("a kind's params refuse what it does not use", () => {
    assert.equal(KINDS.rollback.params.safeParse({ revision: 3 }).success, true);
    assert.equal(KINDS.rollback.params.safeParse({ imageTag: 'x' }).success, false);
    assert.equal(KINDS.upgrade.params.safeParse({ revision: 3 }).success, false);
    assert.equal(KINDS.test.params.safeParse({}).success, true);
  });
});
