// Single sign-on against a real OpenID provider (oidc-provider) on loopback,
// with Helmdeck's better-auth instance on a real Postgres. The refusals are
// produced by the provider itself (an id token that has expired) or by a proxy
// in front of it (a token for another application, a changed nonce, a token
// whose signature does not match); each must leave no session and no
// user behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from 'better-auth/crypto';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import {
  CLIENT,
  HELMDECK,
  OTHER_CLIENT,
  startSsoFixture,
  type TSignInResult,
  type TSsoFixture,
} from './testing/sso-fixture';

const T = { timeout: 120_000 };
let db: TTestDatabase;
let f: TSsoFixture;

before(async () => {
  db = await createTestDatabase();
  f = await startSsoFixture(db);
});
after(async () => {
  await f?.stop();
  await db?.drop();
  await stopTestServer();
});

async function grantsOf(email: string) {
  const user = await db.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const rows = await db.prisma.roleGrant.findMany({
    where: { userId: user.id },
    orderBy: [{ source: 'asc' }, { role: 'asc' }, { environment: 'asc' }],
  });
  return rows.map((g) => `${g.source}:${g.role}:${g.environment ?? '*'}:${g.ssoGroup ?? ''}`);
}

function assertRefused(result: TSignInResult): void {
  assert.equal(result.finalUrl.origin, HELMDECK);
  assert.equal(result.finalUrl.pathname, '/sign-in');
  assert.ok(result.finalUrl.searchParams.get('error'), 'the sign-in page gets an error code');
  assert.equal(result.session, null, 'no session');
  assert.equal(result.browser.hasCookie(HELMDECK, /session_token/), false, 'no session cookie');
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('single sign-on', T, () => {
  test('a release manager signs in with SSO and gets the roles of their groups', async () => {
    const rita = f.person('Rita', ['helmdeck-release-managers', 'helmdeck-viewers', 'unrelated']);
    const result = await f.signIn(rita);
    assert.equal(result.finalUrl.href, `${HELMDECK}/`);
    // Authorization code with PKCE (S256) and a nonce; the provider requires PKCE, so success proves the verifier.
    assert.equal(result.authorizeUrl.searchParams.get('response_type'), 'code');
    assert.equal(result.authorizeUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(result.authorizeUrl.searchParams.get('nonce'));
    assert.equal(result.session?.user.email, rita.email);
    assert.equal(result.session?.user.name, 'Rita');
    assert.equal(result.session?.session.viaSso, true);
    assert.deepEqual(await grantsOf(rita.email), [
      'sso:viewer:*:helmdeck-viewers',
      'sso:release_manager:staging:helmdeck-release-managers',
    ]);
    const audit = await db.prisma.auditRecord.findMany({
      where: { actor: 'system:sso' },
      select: { action: true, details: true },
    });
    const mine = audit.filter((a) => JSON.stringify(a.details).includes(rita.email));
    assert.deepEqual(mine.map((a) => a.action).sort(), ['role.grant', 'role.grant', 'user.create']);
    const account = await db.prisma.account.findFirstOrThrow({
      where: { providerId: 'oidc', accountId: rita.sub },
    });
    assert.ok(account.accessToken && !account.accessToken.startsWith('ey'), 'tokens are encrypted');
  });

  test('roles follow the groups at every sign-in; admin grants stay', async () => {
    const sam = f.person('Sam', ['helmdeck-approvers']);
    await f.signIn(sam);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: sam.email } });
    await db.prisma.roleGrant.create({ data: { userId: user.id, role: 'viewer' } });
    assert.deepEqual(await grantsOf(sam.email), [
      'admin:viewer:*:',
      'sso:approver:*:helmdeck-approvers',
    ]);
    sam.groups = ['helmdeck-admins'];
    const again = await f.signIn(sam);
    assert.ok(again.session);
    assert.deepEqual(await grantsOf(sam.email), ['admin:viewer:*:', 'sso:admin:*:helmdeck-admins']);
    sam.groups = [];
    await f.signIn(sam);
    assert.deepEqual(await grantsOf(sam.email), ['admin:viewer:*:']);
    const revoked = await db.prisma.auditRecord.count({
      where: {
        actor: 'system:sso',
        action: 'role.revoke',
        details: { path: ['email'], equals: sam.email },
      },
    });
    assert.equal(revoked, 2, 'approver, then admin, each revoked once and audited');
  });

  test('an existing password user is linked by verified email; a password sign-in ends SSO roles', async () => {
    const pat = f.person('Pat', ['helmdeck-admins']);
    const id = `pw-${pat.sub}`;
    await db.prisma.user.create({
      data: {
        id,
        name: 'Pat P.',
        email: pat.email,
        emailVerified: true,
        accounts: {
          create: {
            id: `acc-${id}`,
            providerId: 'credential',
            accountId: id,
            password: await hashPassword('pat-password-1'),
          },
        },
      },
    });
    const sso = await f.signIn(pat);
    assert.equal(sso.session?.user.id, id, 'the same Helmdeck user');
    assert.equal(sso.session?.user.name, 'Pat', 'name follows the provider');
    assert.deepEqual(await grantsOf(pat.email), ['sso:admin:*:helmdeck-admins']);
    const response = await f.auth.handler(
      new Request(`${HELMDECK}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: HELMDECK },
        body: JSON.stringify({ email: pat.email, password: 'pat-password-1' }),
      }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await grantsOf(pat.email), [], 'a password sign-in carries no groups');
  });

  test('an id token for another application (wrong audience) is refused', async () => {
    const eve = f.person('Eve', ['helmdeck-admins']);
    // The proxy turns Helmdeck's requests into the other application's, so the provider issues a real token with aud=wiki.
    f.proxy.onRequest = (req) => {
      if (req.url.pathname === '/auth' && req.url.searchParams.get('client_id') === CLIENT.id) {
        req.url.searchParams.set('client_id', OTHER_CLIENT.id);
      }
      if (req.url.pathname === '/token') {
        req.headers.authorization = basic(OTHER_CLIENT.id, OTHER_CLIENT.secret);
        const body = new URLSearchParams(req.body.toString());
        if (body.has('client_id')) body.set('client_id', OTHER_CLIENT.id);
        req.body = Buffer.from(body.toString());
      }
      return req;
    };
    let audience: unknown;
    f.proxy.onResponse = (req, _status, body) => {
      if (req.url.pathname === '/token') audience = idTokenClaims(body).aud;
      return body;
    };
    try {
      assertRefused(await f.signIn(eve));
    } finally {
      f.proxy.onRequest = undefined;
      f.proxy.onResponse = undefined;
    }
    assert.equal(
      audience,
      OTHER_CLIENT.id,
      'the provider did issue a token, for the other application',
    );
    assert.equal(await grantsOf(eve.email), null, 'no user created');
  });

  test('an expired id token is refused', async () => {
    const old = f.person('Olga', ['helmdeck-admins']);
    f.idp.settings.idTokenTtlSeconds = -120;
    try {
      assertRefused(await f.signIn(old));
    } finally {
      f.idp.settings.idTokenTtlSeconds = 300;
    }
    assert.equal(await grantsOf(old.email), null);
  });

  test('an id token with another nonce than Helmdeck sent is refused', async () => {
    const nina = f.person('Nina', ['helmdeck-admins']);
    f.proxy.onRequest = (req) => {
      if (req.url.pathname === '/auth')
        req.url.searchParams.set('nonce', 'replayed-nonce-0123456789');
      return req;
    };
    try {
      assertRefused(await f.signIn(nina));
    } finally {
      f.proxy.onRequest = undefined;
    }
    assert.equal(await grantsOf(nina.email), null);
  });

  test('an id token whose signature does not match its content is refused', async () => {
    const mallory = f.person('Mallory', []);
    const admin = f.person('Ada', ['helmdeck-admins']);
    await f.signIn(admin);
    const tamper = (change: (parts: string[]) => void) => {
      f.proxy.onResponse = (req, status, body) => {
        if (req.url.pathname !== '/token' || status !== 200) return body;
        const json = JSON.parse(body.toString()) as { id_token: string };
        const parts = json.id_token.split('.');
        change(parts);
        json.id_token = parts.join('.');
        return Buffer.from(JSON.stringify(json));
      };
    };
    try {
      // Damaged signature bytes, content untouched: only the signature check can tell.
      tamper((parts) => {
        const signature = Buffer.from(parts[2]!, 'base64url');
        signature[signature.length >> 1]! ^= 0xff;
        parts[2] = signature.toString('base64url');
      });
      assertRefused(await f.signIn(mallory));
      // Content edited to become the admin, with mallory's signature kept.
      tamper((parts) => {
        const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as {
          sub: string;
        };
        claims.sub = admin.sub;
        parts[1] = Buffer.from(JSON.stringify(claims)).toString('base64url');
      });
      assertRefused(await f.signIn(mallory));
    } finally {
      f.proxy.onResponse = undefined;
    }
    assert.equal(await grantsOf(mallory.email), null);
  });

  test('signing out an SSO session also ends the provider session (RP-initiated logout)', async () => {
    const lou = f.person('Lou', ['helmdeck-viewers']);
    const { browser } = await f.signIn(lou);
    const out = await browser.request(`${HELMDECK}/api/auth/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HELMDECK },
      body: JSON.stringify({ callbackURL: '/sign-in', disableRedirect: true }),
    });
    const { url } = (await out.json()) as { url?: string };
    assert.ok(url, 'the provider has an end-session endpoint');
    const logout = new URL(url);
    assert.equal(logout.origin, f.idp.issuer);
    assert.ok(logout.searchParams.get('id_token_hint'));
    assert.equal(logout.searchParams.get('post_logout_redirect_uri'), `${HELMDECK}/sign-in`);
    const confirm = await browser.follow(url);
    const page = await confirm.response.text();
    assert.match(page, /Sign out of the identity provider too\?/);
    const form = /<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(page);
    assert.ok(form, 'the confirmation form');
    const done = await browser.follow(new URL(form[1]!, confirm.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: form[2]!, logout: 'yes' }).toString(),
    });
    assert.equal(done.url, `${HELMDECK}/sign-in`);
    const session = await f.auth.api.getSession({
      headers: new Headers({ cookie: browser.cookieHeader(HELMDECK) }),
    });
    assert.equal(session, null);
  });

  test('an id token posted directly to the sign-in endpoint is refused', async () => {
    const response = await f.auth.handler(
      new Request(`${HELMDECK}/api/auth/sign-in/social`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: HELMDECK },
        body: JSON.stringify({ provider: 'oidc', idToken: { token: 'a.b.c' } }),
      }),
    );
    assert.equal(response.status, 400);
  });
});

function idTokenClaims(body: Buffer): Record<string, unknown> {
  const token = (JSON.parse(body.toString()) as { id_token?: string }).id_token ?? '';
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}
