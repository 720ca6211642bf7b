// A real OpenID provider (the certified `oidc-provider` package) on a free
// loopback port, for the SSO tests and the demo: discovery, authorization code
// with PKCE required, RS256 id tokens from its own key, userinfo, and
// RP-initiated logout. People sign in on its own login page with an email and
// password; there is no consent step (Helmdeck is a first-party client).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { loginPage, page } from './identity-provider-pages';

export interface TIdpUser {
  /** Subject: stable id of the person at the provider. */
  sub: string;
  email: string;
  name: string;
  password: string;
  groups: string[];
}

export interface TIdpClient {
  clientId: string;
  /** Omit for a public client (PKCE only). */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export interface TIdentityProviderOptions {
  users: readonly TIdpUser[];
  clients: readonly TIdpClient[];
  /** Seconds until an id token expires (default 300); a negative value issues expired ones. */
  idTokenTtlSeconds?: number;
  /** Put every claim in the id token instead of only `sub` (code flow default: the rest via userinfo). */
  claimsInIdToken?: boolean;
  /** The public URL when something fronts the provider (a test proxy); default: its own URL. */
  issuer?: string;
}

export interface TIdentityProvider {
  issuer: string;
  /** Where it listens (the issuer, unless fronted). */
  url: string;
  /** Users as given, so a test can change someone's groups between sign-ins. */
  users: TIdpUser[];
  /** Changeable between sign-ins. */
  settings: { idTokenTtlSeconds: number };
  stop(): Promise<void>;
}

const SCOPES = ['openid', 'profile', 'email', 'groups'];

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function configuration(
  options: TIdentityProviderOptions,
  users: TIdpUser[],
  settings: { idTokenTtlSeconds: number },
): Configuration {
  const findUser = (sub: string) => users.find((u) => u.sub === sub);
  return {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      ...(c.clientSecret
        ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
        : { token_endpoint_auth_method: 'none' }),
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    scopes: SCOPES,
    conformIdTokenClaims: !options.claimsInIdToken,
    findAccount: (_ctx, sub) => {
      const user = findUser(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: true,
          name: user.name,
          groups: [...user.groups],
        }),
      };
    },
    // First-party client: sign-in grants the requested scopes without a consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { session, client, params } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) {
        const found = await ctx.oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({
        accountId: session.accountId,
        clientId: client.clientId,
      });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true, methods: ['S256'] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Sign out',
            `${form}<p>Sign out of the identity provider too?</p>
            <button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const detail = Object.entries(out)
        .map(([k, v]) => `<li>${k}: ${String(v).replace(/[<>&"]/g, '')}</li>`)
        .join('');
      ctx.body = page('Sign-in error', `<ul>${detail}</ul>`);
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: () => settings.idTokenTtlSeconds,
      Interaction: 600,
      Session: 3600,
    },
  };
}

/** Starts the provider on 127.0.0.1 with a free port; the issuer is its base URL. */
export async function startIdentityProvider(
  options: TIdentityProviderOptions,
): Promise<TIdentityProvider> {
  const users = options.users.map((u) => ({ ...u, groups: [...u.groups] }));
  const settings = { idTokenTtlSeconds: options.idTokenTtlSeconds ?? 300 };
  // Created once the port (and so the issuer) is known.
  const started: { provider?: Provider } = {};
  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('identity provider error');
    });
  });
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const provider = started.provider;
    if (!provider) throw new Error('not started');
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && match[2]) {
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const user = users.find((u) => u.email === email && u.password === form.get('password'));
      if (!user) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(loginPage(details.uid, email, 'Email or password is incorrect.'));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(details.uid, ''));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'helmdeck-idp' };
  started.provider = new Provider(issuer, {
    ...configuration(options, users, settings),
    jwks: { keys: [jwk] },
  });
  return {
    issuer,
    url,
    users,
    settings,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
