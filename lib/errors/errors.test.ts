// One error model: each refusal keeps its code, message and details, and
// answers the same HTTP status on every route.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ForbiddenError } from '@/lib/auth/errors';
import { BadParamError } from '@/lib/http/params';
import { OperationInProgressError, OperationInputError } from '@/lib/operations/errors';
import { ClusterUnavailableError, NotFoundError } from '@/lib/release-view/errors';
import { GateDeniedError } from '@/lib/tickets/gate-transaction';
import { TicketError } from '@/lib/tickets/ticket-context';
import { TicketStateError } from '@/lib/tickets/ticket-states';
import { UserInputError } from '@/lib/users/errors';
import { AppError, errorResponse, failureOf, resultOf } from './index';

const gate = new GateDeniedError({
  allowed: false,
  checklist: [{ check: 'approvals-count', ok: false, detail: '1 of 2 required approvals' }],
  opensAt: null,
} as unknown as ConstructorParameters<typeof GateDeniedError>[0]);

const CASES: [string, unknown, number, string][] = [
  ['a policy refusal', new ForbiddenError('You need the Release manager role.'), 403, 'forbidden'],
  ['a deployment-gate refusal', gate, 409, 'conflict'],
  ['a ticket state conflict', new TicketStateError('rejected', 'approved'), 409, 'conflict'],
  [
    'an operation in progress',
    new OperationInProgressError(7, 'upgrade', 'Rita'),
    409,
    'in_progress',
  ],
  [
    'bad operation input',
    new OperationInputError(['params.revision: not used by upgrade']),
    400,
    'invalid',
  ],
  ['a bad parameter', new BadParamError('to', 'is required'), 400, 'invalid'],
  ['bad user input', new UserInputError('That email is taken.'), 400, 'invalid'],
  [
    'an unknown ticket',
    new TicketError('not-found', 'Change ticket #9 does not exist.'),
    404,
    'not_found',
  ],
  ['an unknown release', new NotFoundError('release', 'No release x.'), 404, 'not_found'],
  [
    'a cluster that cannot answer',
    new ClusterUnavailableError('east', 'east is unreachable'),
    503,
    'unavailable',
  ],
  [
    'no credentials',
    new AppError('unauthenticated', 'Sign in or send a bearer token.'),
    401,
    'unauthenticated',
  ],
];

describe('error model', () => {
  for (const [what, error, status, code] of CASES) {
    test(`${what} answers ${status} ${code}, as an action result and as a REST answer`, async () => {
      const failure = failureOf(error, 'test');
      assert.equal(failure.code, code);
      assert.equal(failure.error, (error as AppError).userMessage);
      const res = errorResponse(error, 'test');
      assert.equal(res.status, status);
      const body = (await res.json()) as { code: string; error: string };
      assert.equal(body.code, code);
      assert.equal(body.error, failure.error);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    });
  }

  test('details travel with the refusal: problems, the operation holding the release, the gate checklist', async () => {
    assert.deepEqual(failureOf(new OperationInputError(['a: b', 'c: d']), 't').problems, [
      'a: b',
      'c: d',
    ]);
    assert.equal(failureOf(new OperationInProgressError(7, 'upgrade', 'Rita'), 't').operationId, 7);
    const body = (await errorResponse(gate, 't').json()) as { checklist: unknown[]; opensAt: null };
    assert.equal(body.checklist.length, 1);
    assert.equal(body.opensAt, null);
    assert.equal(failureOf(new BadParamError('to', 'is required'), 't').param, 'to');
  });

  test('an unexpected error is logged with an id and never shows its message', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => logged.push(a);
    try {
      const failure = failureOf(new Error('ECONNREFUSED 10.0.0.5:5432 password=hunter2'), 't');
      assert.equal(failure.code, 'error');
      assert.match(failure.error, /^Something went wrong \([0-9a-f]{8}\)\.$/);
      const res = errorResponse(new TypeError('x is undefined'), 't');
      assert.equal(res.status, 500);
      assert.doesNotMatch(await res.text(), /undefined/);
      assert.equal(logged.length, 2);
    } finally {
      console.error = original;
    }
  });

  test('resultOf turns a value into ok and a refusal into its failure', async () => {
    assert.deepEqual(await resultOf('t', async () => 3), { ok: true, data: 3 });
    const r = await resultOf('t', async () => {
      throw new ForbiddenError('no');
    });
    assert.deepEqual(r, { ok: false, code: 'forbidden', error: 'no' });
  });

  test('a 401 tells how to authenticate', () => {
    const res = errorResponse(new AppError('unauthenticated', 'Sign in.'), 't');
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="helmdeck"');
  });
});

test('an AppError made by another copy of the module is still an AppError', () => {
  const brand = Symbol.for('helmdeck.app-error');
  const foreign = Object.assign(new Error('There is no cluster "x".'), {
    [brand]: true,
    code: 'not_found' as const,
    userMessage: 'There is no cluster "x".',
    details: {},
  });
  assert.ok(foreign instanceof AppError);
  assert.equal(errorResponse(foreign, 'test').status, 404);
  assert.equal(new AppError('invalid', 'x') instanceof BadParamError, false);
  assert.equal(new Error('x') instanceof AppError, false);
});
