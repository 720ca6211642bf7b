// The per-email sign-in lock, on Helmdeck's better-auth instance and a real
// Postgres, on both ways in: better-auth's own HTTP endpoint
// (/api/auth/sign-in/email) and the server-side call the sign-in form's
// server action makes (auth.api.signInEmail). Thirty wrong passwords at once
// must not get more than ten of them checked, and the right password is
// refused while the email is locked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APIError } from 'better-auth';
import { hashPassword } from 'better-auth/crypto';
import { ZAuth } from '@/lib/config/auth';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { createAuth, type TAuth } from './create-auth';
import { countSignInAttempt, MAX_SIGN_IN_ATTEMPTS, SIGN_IN_LOCKED_MESSAGE } from './sign-in-limit';

const T = { timeout: 120_000 };
const HELMDECK = 'http://helmdeck.test';
const PASSWORD = 'the-right-password-1';
let db: TTestDatabase;
let auth: TAuth;

before(async () => {
  db = await createTestDatabase();
  auth = createAuth({
    prisma: db.prisma,
    baseURL: HELMDECK,
    trustedOrigins: [],
    secret: 'sign-in-limit-test-secret-0123456789abcdef',
    auth: ZAuth.parse({}),
  });
});
after(async () => {
  await db?.drop();
  await stopTestServer();
});

async function passwordUser(name: string): Promise<string> {
  const email = `${name}-${Date.now()}@example.test`;
  await db.prisma.user.create({
    data: {
      id: `u-${name}`,
      name,
      email,
      emailVerified: true,
      accounts: {
        create: {
          id: `acc-${name}`,
          providerId: 'credential',
          accountId: `u-${name}`,
          password: await hashPassword(PASSWORD),
        },
      },
    },
  });
  return email;
}

/** Better-auth's endpoint, as a browser on Helmdeck's page calls it: the HTTP status. */
async function overHttp(email: string, password: string): Promise<number> {
  const response = await auth.handler(
    new Request(`${HELMDECK}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HELMDECK },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (response.status === 429) assert.match(await response.text(), /Too many failed sign-ins/);
  return response.status;
}

/** The call the sign-in form's server action makes: the status of its APIError, or 200. */
async function serverSide(email: string, password: string): Promise<number> {
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: new Headers() });
    return 200;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.statusCode === 429) assert.equal(error.message, SIGN_IN_LOCKED_MESSAGE);
    return error.statusCode;
  }
}

const paths = { 'better-auth endpoint': overHttp, 'server action call': serverSide };

describe('the sign-in lock', T, () => {
  for (const [name, signIn] of Object.entries(paths)) {
    test(`${name}: of 30 parallel wrong passwords at most ${MAX_SIGN_IN_ATTEMPTS} are checked, then the right one is refused`, async () => {
      const email = await passwordUser(name.replaceAll(' ', '-'));
      const statuses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => signIn(email, `wrong-password-${i}`)),
      );
      const checked = statuses.filter((s) => s === 401).length;
      const refused = statuses.filter((s) => s === 429).length;
      assert.equal(checked + refused, 30, `only 401 and 429 answers: ${statuses.join(',')}`);
      assert.ok(checked <= MAX_SIGN_IN_ATTEMPTS, `${checked} attempts reached the password check`);
      assert.equal(await signIn(email, PASSWORD), 429, 'the right password while locked');
      assert.equal(await db.prisma.session.count({ where: { user: { email } } }), 0);
    });
  }

  test('first attempts racing on new emails each count exactly once, none fails', async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `race-${i}-${Date.now()}@example.test`);
    const results = await Promise.all(
      emails.flatMap((email) =>
        Array.from({ length: 15 }, () => countSignInAttempt(db.prisma, email)),
      ),
    );
    assert.equal(results.filter((allowed) => !allowed).length, 20 * 5, 'five over the limit each');
    const rows = await db.prisma.rateLimit.findMany({ where: { key: { contains: 'race-' } } });
    assert.deepEqual(
      rows.map((row) => row.count),
      Array(20).fill(15),
    );
  });

  test('a lock on one path holds on the other', async () => {
    const email = await passwordUser('both-paths');
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i += 1)
      assert.equal(await serverSide(email, `wrong-${i}`), 401);
    assert.equal(await overHttp(email, PASSWORD), 429);
  });

  test('a successful sign-in clears the count, and the email is an address in any case', async () => {
    const email = await passwordUser('clears');
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS - 1; i += 1)
      assert.equal(await overHttp(email.toUpperCase(), `wrong-${i}`), 401);
    assert.equal(await serverSide(email, PASSWORD), 200);
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS - 1; i += 1)
      assert.equal(await overHttp(email, `wrong-again-${i}`), 401);
    assert.equal(await overHttp(email, PASSWORD), 200);
  });
});
