// The demo's single sign-on: a real OpenID provider on loopback with the demo
// users (same people and passwords as their password accounts, one group per
// role) plus one person who exists only there, and a copy of helmdeck.yaml
// whose auth.oidc points at it. Only when the configuration has auth.oidc.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseDocument } from 'yaml';
import { SSO_CALLBACK_PATH, SSO_POST_LOGOUT_PATH } from '@/lib/auth/sso';
import { startIdentityProvider } from '@/lib/auth/testing/identity-provider';
import { absoluteChartRefs } from './config-copy';
import { DEMO_SSO_USERS } from './sso-users';

export const DEMO_OIDC_SECRET_ENV = 'HELMDECK_OIDC_CLIENT_SECRET';

export interface TDemoSso {
  issuer: string;
  /** helmdeck.yaml for the server: the given one with auth.oidc pointing at the demo provider. */
  configPath: string;
  /** Environment variables the server needs (the client secret). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the provider for a Helmdeck at `helmdeckUrl`; null when the config has no auth.oidc. */
export async function startDemoSso(opts: {
  configPath: string;
  demoDir: string;
  helmdeckUrl: string;
}): Promise<TDemoSso | null> {
  const source = path.resolve(opts.configPath);
  const doc = parseDocument(readFileSync(source, 'utf8'));
  if (!doc.hasIn(['auth', 'oidc'])) return null;
  const clientId = 'helmdeck-demo';
  const clientSecret = randomBytes(24).toString('base64url');
  const idp = await startIdentityProvider({
    users: DEMO_SSO_USERS,
    clients: [
      {
        clientId,
        clientSecret,
        redirectUris: [`${opts.helmdeckUrl}${SSO_CALLBACK_PATH}`],
        postLogoutRedirectUris: [`${opts.helmdeckUrl}${SSO_POST_LOGOUT_PATH}`],
      },
    ],
  });
  doc.setIn(['auth', 'oidc', 'issuer'], idp.issuer);
  doc.setIn(['auth', 'oidc', 'clientId'], clientId);
  doc.setIn(['auth', 'oidc', 'clientSecretEnv'], DEMO_OIDC_SECRET_ENV);
  absoluteChartRefs(doc, source);
  const configPath = path.join(opts.demoDir, 'helmdeck-sso.yaml');
  writeFileSync(configPath, doc.toString(), { mode: 0o600 });
  return {
    issuer: idp.issuer,
    configPath,
    env: { [DEMO_OIDC_SECRET_ENV]: clientSecret },
    stop: () => idp.stop(),
  };
}
