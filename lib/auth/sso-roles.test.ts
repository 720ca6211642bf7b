import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TOidcRoleMapping } from '@/lib/config/auth';
import { grantsFromGroups, groupsFromClaims } from './sso-roles';

const mapping: TOidcRoleMapping[] = [
  { group: 'platform', role: 'release_manager', environments: ['staging'] },
  { group: 'sre', role: 'release_manager', environments: ['staging', 'production'] },
  { group: 'leads', role: 'approver' },
  { group: 'everyone', role: 'viewer' },
  { group: 'admins', role: 'release_manager' },
];

test('the groups claim is a list, a single string, or a nested path', () => {
  assert.deepEqual(groupsFromClaims({ groups: ['a', 'b', 'a', 3, ''] }, 'groups'), ['a', 'b']);
  assert.deepEqual(groupsFromClaims({ groups: 'a' }, 'groups'), ['a']);
  assert.deepEqual(groupsFromClaims({}, 'groups'), []);
  assert.deepEqual(groupsFromClaims({ realm_access: { roles: ['x'] } }, 'realm_access.roles'), [
    'x',
  ]);
  const url = 'https://corp.example/groups';
  assert.deepEqual(groupsFromClaims({ [url]: ['y'] }, url), ['y']);
});

test('a release manager in two limited groups gets each environment once', () => {
  assert.deepEqual(grantsFromGroups(['platform', 'sre', 'everyone'], mapping), [
    { role: 'viewer', environment: null, group: 'everyone' },
    { role: 'release_manager', environment: 'staging', group: 'platform' },
    { role: 'release_manager', environment: 'production', group: 'sre' },
  ]);
});

test('a group giving a role everywhere replaces the environment-limited grants', () => {
  assert.deepEqual(grantsFromGroups(['platform', 'admins'], mapping), [
    { role: 'release_manager', environment: null, group: 'admins' },
  ]);
});

test('no matching group gives no role', () => {
  assert.deepEqual(grantsFromGroups(['contractors'], mapping), []);
});
