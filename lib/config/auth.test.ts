import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { ConfigError, parseConfig } from './load-config';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-config-auth-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'charts', 'app'), { recursive: true });
writeFileSync(path.join(dir, 'charts', 'app', 'Chart.yaml'), 'name: app\n');
const file = path.join(dir, 'helmdeck.yaml');

const oidc = {
  issuer: 'https://sso.example.com/realms/corp',
  clientId: 'helmdeck',
  clientSecretEnv: 'HELMDECK_OIDC_CLIENT_SECRET',
};

function withAuth(auth: unknown) {
  return stringify({
    environments: [
      { name: 'staging', namespace: 'staging', clusters: [{ name: 's', context: 's' }] },
      { name: 'production', namespace: 'production', clusters: [{ name: 'p', context: 'p' }] },
    ],
    releases: [{ name: 'app', chart: './charts/app', promotion: ['staging', 'production'] }],
    ...(auth === undefined ? {} : { auth }),
  });
}

function problems(auth: unknown): string[] {
  try {
    parseConfig(withAuth(auth), file);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems.map((p) => p.replace(/ \(line \d+\)$/, ''));
  }
}

describe('auth section of helmdeck.yaml', () => {
  test('without an auth section, password sign-in is on and there is no SSO', () => {
    const { auth } = parseConfig(withAuth(undefined), file);
    assert.deepEqual(auth, { passwordSignIn: true });
  });

  test('an OIDC provider gets default scopes and groups claim', () => {
    const { auth } = parseConfig(withAuth({ oidc }), file);
    assert.deepEqual(auth.oidc?.scopes, ['openid', 'profile', 'email']);
    assert.equal(auth.oidc?.groupsClaim, 'groups');
    assert.deepEqual(auth.oidc?.roles, []);
  });

  test('password sign-in can be switched off only with SSO configured', () => {
    assert.deepEqual(problems({ passwordSignIn: false }), [
      'auth.passwordSignIn: can be false only with auth.oidc configured, or nobody could sign in',
    ]);
    assert.deepEqual(problems({ passwordSignIn: false, oidc }), []);
  });

  test('group mappings name a role, and only release managers are limited to known environments', () => {
    const p = problems({
      oidc: {
        ...oidc,
        roles: [
          { group: 'ops', role: 'release_manager', environments: ['staging', 'prod'] },
          { group: 'auditors', role: 'approver', environments: ['production'] },
          { group: 'x', role: 'superuser' },
        ],
      },
    });
    assert.equal(p.length, 3, p.join('\n'));
    assert.match(
      p.join('\n'),
      /auth\.oidc\.roles\[0\]\.environments\[1\]: unknown environment "prod"/,
    );
    assert.match(
      p.join('\n'),
      /auth\.oidc\.roles\[1\]\.environments: only release_manager can be limited/,
    );
    assert.match(p.join('\n'), /auth\.oidc\.roles\[2\]\.role: one of viewer, release_manager/);
  });

  test('the issuer is a URL, the secret comes from a named variable, scopes include openid', () => {
    const p = problems({
      oidc: {
        issuer: 'sso.example.com',
        clientId: 'helmdeck',
        clientSecretEnv: 'my secret',
        scopes: ['profile'],
      },
    });
    assert.deepEqual(p.sort(), [
      'auth.oidc.clientSecretEnv: an environment variable name (letters, digits and _)',
      'auth.oidc.issuer: an http(s) URL',
      'auth.oidc.scopes: must include openid',
    ]);
    assert.deepEqual(problems({ oidc: { ...oidc, clientSecret: 'inline' } }), [
      'auth.oidc.clientSecret: unknown field',
    ]);
  });
});
