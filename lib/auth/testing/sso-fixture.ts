// The SSO integration tests' world: a real oidc-provider behind a tampering
// proxy, a Helmdeck auth instance on a throwaway database, and the steps of a
// browser signing in through both.
import assert from 'node:assert/strict';
import { ZAuth } from '@/lib/config/auth';
import type { TTestDatabase } from '@/lib/db/test-database';
import { createAuth, type TAuth } from '../create-auth';
import { SSO_CALLBACK_PATH, SSO_POST_LOGOUT_PATH, SSO_PROVIDER_ID } from '../sso';
import { startIdentityProvider, type TIdentityProvider, type TIdpUser } from './identity-provider';
import { startTamperingProxy, type TTamperingProxy } from './tampering-proxy';
import { TestBrowser } from './test-browser';

export const HELMDECK = 'http://helmdeck.test';
export const CLIENT = { id: 'helmdeck', secret: 'helmdeck-client-secret-0123456789' };
/** Another application registered at the same provider (tokens for it must not sign in to Helmdeck). */
export const OTHER_CLIENT = { id: 'wiki', secret: 'wiki-client-secret-0123456789' };

export const ROLE_MAPPING = [
  { group: 'helmdeck-admins', role: 'admin' },
  { group: 'helmdeck-release-managers', role: 'release_manager', environments: ['staging'] },
  { group: 'helmdeck-approvers', role: 'approver' },
  { group: 'helmdeck-viewers', role: 'viewer' },
] as const;

export interface TSsoFixture {
  idp: TIdentityProvider;
  proxy: TTamperingProxy;
  auth: TAuth;
  /** Adds a person at the provider (a fresh one per test keeps tests independent). */
  person(name: string, groups: string[]): TIdpUser;
  signIn(user: TIdpUser): Promise<TSignInResult>;
  stop(): Promise<void>;
}

export interface TSignInResult {
  /** Where Helmdeck sent the browser at the end: `/` or `/sign-in?error=...`. */
  finalUrl: URL;
  /** The authorization request Helmdeck sent the browser to. */
  authorizeUrl: URL;
  browser: TestBrowser;
  session: Awaited<ReturnType<TAuth['api']['getSession']>>;
}

let counter = 0;

export async function startSsoFixture(db: TTestDatabase): Promise<TSsoFixture> {
  const proxy = await startTamperingProxy();
  const redirectUris = [`${HELMDECK}${SSO_CALLBACK_PATH}`];
  const idp = await startIdentityProvider({
    issuer: proxy.url,
    users: [],
    clients: [
      {
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUris,
        postLogoutRedirectUris: [`${HELMDECK}${SSO_POST_LOGOUT_PATH}`],
      },
      { clientId: OTHER_CLIENT.id, clientSecret: OTHER_CLIENT.secret, redirectUris },
    ],
  });
  proxy.target = idp.url;
  const auth = createAuth({
    prisma: db.prisma,
    baseURL: HELMDECK,
    trustedOrigins: [],
    secret: 'sso-test-secret-sso-test-secret-0123456789',
    auth: ZAuth.parse({
      oidc: {
        issuer: proxy.url,
        clientId: CLIENT.id,
        clientSecretEnv: 'UNUSED_IN_TESTS',
        scopes: ['openid', 'profile', 'email', 'groups'],
        roles: ROLE_MAPPING,
      },
    }),
    oidcClientSecret: CLIENT.secret,
  });

  async function signIn(user: TIdpUser): Promise<TSignInResult> {
    const browser = new TestBrowser({ origin: HELMDECK, handler: auth.handler });
    const start = await browser.request(`${HELMDECK}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HELMDECK },
      body: JSON.stringify({
        provider: SSO_PROVIDER_ID,
        callbackURL: '/',
        errorCallbackURL: '/sign-in',
      }),
    });
    assert.equal(start.status, 200, await start.clone().text());
    const { url } = (await start.json()) as { url: string };
    const login = await browser.follow(url);
    assert.equal(login.response.status, 200, 'the provider shows its sign-in page');
    assert.match(await login.response.text(), /Identity provider sign-in/);
    const done = await browser.follow(`${login.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
    });
    const session = await auth.api.getSession({
      headers: new Headers({ cookie: browser.cookieHeader(HELMDECK) }),
    });
    return { finalUrl: new URL(done.url), authorizeUrl: new URL(url), browser, session };
  }

  return {
    idp,
    proxy,
    auth,
    person(name, groups) {
      const n = ++counter;
      const user = {
        sub: `person-${n}-${name.toLowerCase()}`,
        email: `${name.toLowerCase()}-${n}@corp.test`,
        name,
        password: `pw-${name}-${n}`,
        groups,
      };
      idp.users.push(user);
      return user;
    },
    signIn,
    stop: async () => {
      await idp.stop();
      await proxy.stop();
    },
  };
}
