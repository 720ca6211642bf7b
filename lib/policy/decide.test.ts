import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decide,
  MUTATING_ACTIONS,
  POLICY_ACTIONS,
  type TPolicyAction,
  type TPolicyUser,
  viewableEnvironments,
} from './decide';

const ENVS = ['development', 'staging', 'production'] as const;
type TEnv = (typeof ENVS)[number];

const user = (
  id: string,
  ...grants: Array<[TPolicyUser['grants'][number]['role'], string | null]>
): TPolicyUser => ({
  id,
  grants: grants.map(([role, environment]) => ({ role, environment })),
});

const USERS = {
  nobody: user('nobody'),
  viewer: user('viewer', ['viewer', null]),
  stagingViewer: user('sv', ['viewer', 'staging']),
  stagingManager: user('sm', ['viewer', null], ['release_manager', 'staging']),
  manager: user('rm', ['release_manager', null]),
  approver: user('ap', ['approver', null]),
  prodApprover: user('pa', ['approver', 'production']),
  admin: user('ad', ['admin', null]),
  envAdmin: user('ea', ['admin', 'staging']),
};
type TWho = keyof typeof USERS;

// Every operation kind (install, upgrade, rollback, uninstall, test, recover and any added later).
const OPS: TPolicyAction[] = [...MUTATING_ACTIONS, 'ticket.create'];
const DECIDE_TICKETS: TPolicyAction[] = ['ticket.approve', 'ticket.reject'];

// The expected table, written out per role rather than derived from the code.
function expected(who: TWho, action: TPolicyAction, env: TEnv): boolean {
  const anyRoleIn: Record<TWho, TEnv[]> = {
    nobody: [],
    viewer: [...ENVS],
    stagingViewer: ['staging'],
    stagingManager: [...ENVS],
    manager: [...ENVS],
    approver: [...ENVS],
    prodApprover: ['production'],
    admin: [...ENVS],
    envAdmin: ['staging'],
  };
  if (action === 'view') return anyRoleIn[who].includes(env);
  if (OPS.includes(action))
    return who === 'manager' || (who === 'stagingManager' && env === 'staging');
  if (DECIDE_TICKETS.includes(action))
    return who === 'approver' || (who === 'prodApprover' && env === 'production');
  // users.manage, break-glass and audit.verify: a global admin only.
  return who === 'admin';
}

describe('policy: every role × action × environment', () => {
  for (const who of Object.keys(USERS) as TWho[]) {
    for (const action of POLICY_ACTIONS) {
      for (const env of ENVS) {
        const allow = expected(who, action, env);
        test(`${who} ${allow ? 'may' : 'may not'} ${action} in ${env}`, () => {
          const d = decide({
            user: USERS[who],
            action,
            target: { environment: env, cluster: 'east', release: 'alpha-members' },
          });
          assert.equal(d.allow, allow);
          if (!d.allow) assert.ok(d.reason.length > 10, 'a denial says why');
        });
      }
    }
  }
});

describe('policy: reasons and special cases', () => {
  test('a staging release manager is told which role production needs', () => {
    const d = decide({
      user: USERS.stagingManager,
      action: 'rollback',
      target: { environment: 'production' },
    });
    assert.deepEqual(d, {
      allow: false,
      reason: 'You need the Release manager role for production to rollback releases.',
    });
  });

  test('a viewer cannot upgrade and is told so', () => {
    const d = decide({ user: USERS.viewer, action: 'upgrade', target: { environment: 'staging' } });
    assert.equal(d.allow, false);
    assert.match(!d.allow ? d.reason : '', /Release manager role for staging/);
  });

  test('an approver cannot approve a ticket they requested', () => {
    const d = decide({
      user: USERS.approver,
      action: 'ticket.approve',
      target: { environment: 'production', ticket: { requesterId: 'ap' } },
    });
    assert.deepEqual(d, {
      allow: false,
      reason: 'You cannot decide on a change ticket you requested.',
    });
    const other = decide({
      user: USERS.approver,
      action: 'ticket.approve',
      target: { environment: 'production', ticket: { requesterId: 'rm' } },
    });
    assert.deepEqual(other, { allow: true });
  });

  test('admins manage users without naming an environment; others cannot', () => {
    assert.deepEqual(decide({ user: USERS.admin, action: 'users.manage', target: {} }), {
      allow: true,
    });
    assert.equal(decide({ user: USERS.manager, action: 'users.manage', target: {} }).allow, false);
  });

  test('an environment-scoped action without an environment is denied', () => {
    const d = decide({ user: USERS.manager, action: 'upgrade', target: {} });
    assert.equal(d.allow, false);
  });

  test('an unknown action is denied, not thrown', () => {
    const d = decide({
      user: USERS.admin,
      action: 'drop-database' as TPolicyAction,
      target: { environment: 'staging' },
    });
    assert.equal(d.allow, false);
  });
});

describe('policy: the view filter', () => {
  test('viewableEnvironments lets through exactly what decide allows to view', () => {
    for (const [who, u] of Object.entries(USERS)) {
      const scope = viewableEnvironments(u);
      for (const env of [...ENVS, 'qa']) {
        const viewable = scope === 'all' || scope.includes(env);
        const allowed = decide({ user: u, action: 'view', target: { environment: env } }).allow;
        assert.equal(viewable, allowed, `${who} in ${env}`);
      }
    }
  });
});
