import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TPolicyUser } from '@/lib/policy';
import { ticketAbilities } from './ticket-abilities';

const user = (id: string, role: TPolicyUser['grants'][number]['role'], env: string | null) => ({
  id,
  grants: [{ role, environment: env }],
});
const ticket = { environment: 'production', requesterId: 'rm' };

test('an approver of the environment may decide a pending ticket someone else requested', () => {
  assert.equal(
    ticketAbilities(user('ap', 'approver', 'production'), ticket, 'pending').decide,
    true,
  );
  assert.equal(ticketAbilities(user('ap', 'approver', 'staging'), ticket, 'pending').decide, false);
  assert.equal(ticketAbilities(user('ap', 'approver', null), ticket, 'deployed').decide, false);
  assert.equal(ticketAbilities(user('ap', 'approver', null), ticket, 'rejected').decide, false);
});

test('nobody decides a ticket they requested, an admin neither', () => {
  assert.equal(ticketAbilities(user('rm', 'admin', null), ticket, 'pending').decide, false);
});

test('deploying is for who may upgrade there, once approved', () => {
  const rm = user('rm', 'release_manager', 'production');
  assert.equal(ticketAbilities(rm, ticket, 'approved').deploy, true);
  assert.equal(ticketAbilities(rm, ticket, 'pending').deploy, false);
  assert.equal(ticketAbilities(user('v', 'viewer', null), ticket, 'approved').deploy, false);
});

test('break-glass is for admins, until the ticket is deployed or cancelled', () => {
  assert.equal(ticketAbilities(user('ad', 'admin', null), ticket, 'pending').breakGlass, true);
  assert.equal(ticketAbilities(user('ad', 'admin', null), ticket, 'deployed').breakGlass, false);
  assert.equal(ticketAbilities(user('ap', 'approver', null), ticket, 'pending').breakGlass, false);
});
