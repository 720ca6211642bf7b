import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prisma } from '../generated/prisma/client';
import { isUniqueViolation } from './unique-violation';

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('refused', { code, clientVersion: 'test', meta });
const rawWith = (originalCode: string) =>
  known('P2010', { driverAdapterError: { cause: { originalCode } } });

test('a duplicate key from the query builder or a raw query is a unique violation', () => {
  assert.equal(isUniqueViolation(known('P2002')), true);
  assert.equal(isUniqueViolation(rawWith('23505')), true);
});

test('other failures are not, even when their text mentions 23505', () => {
  assert.equal(isUniqueViolation(rawWith('23503')), false); // foreign key
  assert.equal(isUniqueViolation(known('P2010')), false);
  assert.equal(isUniqueViolation(new Error('value 23505 too long')), false);
  assert.equal(isUniqueViolation(undefined), false);
});
