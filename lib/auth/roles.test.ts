import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeGrants, hasRole, type TRoleGrant } from './roles';

const grants: TRoleGrant[] = [
  { id: 1, role: 'viewer', environment: null },
  { id: 2, role: 'release_manager', environment: 'staging' },
];

test('a release manager limited to staging may not act on production', () => {
  assert.equal(hasRole(grants, 'release_manager', 'staging'), true);
  assert.equal(hasRole(grants, 'release_manager', 'production'), false);
  assert.equal(hasRole(grants, 'release_manager'), true);
});

test('a grant without environment covers every environment', () => {
  assert.equal(hasRole(grants, 'viewer', 'production'), true);
  assert.equal(hasRole(grants, 'admin'), false);
});

test('grants are summarised per role with their environments', () => {
  assert.deepEqual(describeGrants(grants), ['Viewer', 'Release manager (staging)']);
  assert.deepEqual(
    describeGrants([...grants, { id: 3, role: 'release_manager', environment: null }]),
    ['Viewer', 'Release manager'],
  );
});
