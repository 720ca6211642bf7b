// Single sign-on with the OpenID Connect provider of helmdeck.yaml's
// auth.oidc, through better-auth's generic OAuth plugin. better-auth does
// discovery, the authorization code flow with PKCE, and checks the id token's
// signature (the provider's JWKS), issuer, audience, expiry and nonce; this
// module adds what it leaves open (see profileFromTokens) and carries the
// person's groups to the session hook that turns them into roles.
// No `server-only` marker: integration tests build the auth instance directly.
import { defineRequestState } from '@better-auth/core/context';
import type { BetterAuthPlugin } from 'better-auth';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { decodeJwt } from 'jose';
import type { TOidcConfig } from '@/lib/config/auth';
import { groupsFromClaims } from './sso-roles';

/** better-auth's id for the provider: callbacks arrive at /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = 'oidc';
export const SSO_CALLBACK_PATH = `/api/auth/callback/${SSO_PROVIDER_ID}`;
/** Where the provider sends the browser after its logout (register it as post-logout redirect URI). */
export const SSO_POST_LOGOUT_PATH = '/sign-in';

/** What the callback learned about the person, for the session hook of the same request. */
export interface TSsoSignIn {
  subject: string;
  groups: string[];
}

const ssoSignInState = defineRequestState<TSsoSignIn | null>(() => null);

/** The SSO sign-in the current better-auth request is completing, if any. */
export function currentSsoSignIn(): Promise<TSsoSignIn | null> {
  return ssoSignInState.get();
}

type TClaims = Record<string, unknown>;

const userinfoEndpoints = new Map<string, Promise<string | undefined>>();

/** The provider's userinfo endpoint from its discovery document (cached per issuer; retried after a failure). */
function userinfoEndpoint(issuer: string): Promise<string | undefined> {
  let found = userinfoEndpoints.get(issuer);
  if (!found) {
    found = fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (r): Promise<{ userinfo_endpoint?: unknown }> => (r.ok ? await r.json() : {}))
      .then((doc) =>
        typeof doc.userinfo_endpoint === 'string' ? doc.userinfo_endpoint : undefined,
      );
    found.catch(() => userinfoEndpoints.delete(issuer));
    userinfoEndpoints.set(issuer, found);
  }
  return found;
}

async function fetchUserinfo(issuer: string, accessToken: string): Promise<TClaims | null> {
  const url = await userinfoEndpoint(issuer);
  if (!url) return null;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  const body: unknown = await response.json();
  return typeof body === 'object' && body !== null ? (body as TClaims) : null;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The person behind a code exchange better-auth has verified. Refuses (null)
 * what better-auth would otherwise accept: a token response without an id
 * token (it would fall back to userinfo alone), an id token whose issuer is
 * not the configured one (better-auth trusts the discovery document's), an
 * id token without an access token (the client-submitted id token sign-in),
 * and userinfo about another subject.
 */
async function profileFromTokens(
  oidc: TOidcConfig,
  tokens: { idToken?: string; accessToken?: string },
) {
  if (!tokens.idToken || !tokens.accessToken) return null;
  const idClaims = decodeJwt(tokens.idToken) as TClaims;
  const subject = text(idClaims.sub);
  if (!subject) return null;
  if (idClaims.iss !== oidc.issuer) {
    console.error(
      `helmdeck: SSO refused: the id token's issuer ${String(idClaims.iss)} is not auth.oidc.issuer ${oidc.issuer}`,
    );
    return null;
  }
  let claims: TClaims = idClaims;
  const needsUserinfo =
    !text(idClaims.email) || !text(idClaims.name) || !(oidc.groupsClaim in idClaims);
  if (needsUserinfo) {
    const userinfo = await fetchUserinfo(oidc.issuer, tokens.accessToken);
    if (userinfo && userinfo.sub !== subject) {
      console.error('helmdeck: SSO refused: userinfo describes another subject than the id token');
      return null;
    }
    claims = { ...userinfo, ...idClaims };
    if (!(oidc.groupsClaim in idClaims) && userinfo)
      claims[oidc.groupsClaim] = userinfo[oidc.groupsClaim];
  }
  const email = text(claims.email)?.toLowerCase();
  if (!email) return null;
  await ssoSignInState.set({ subject, groups: groupsFromClaims(claims, oidc.groupsClaim) });
  return {
    id: subject,
    sub: subject,
    email,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: text(claims.name) ?? text(claims.preferred_username) ?? email,
    image: text(claims.picture),
  };
}

/** The better-auth plugin for auth.oidc; `clientSecret` is the value of auth.oidc.clientSecretEnv. */
export function ssoPlugins(
  oidc: TOidcConfig | undefined,
  clientSecret?: string,
): BetterAuthPlugin[] {
  if (!oidc) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: SSO_PROVIDER_ID,
          name: 'SSO',
          discoveryUrl: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
          // Without a usable JWKS and issuer, refuse to build the provider rather than skip id token checks.
          requireIdTokenVerification: true,
          clientId: oidc.clientId,
          clientSecret,
          tokenEndpointAuth: clientSecret ? { method: 'client_secret_basic' } : { method: 'none' },
          scopes: oidc.scopes,
          pkce: true,
          getUserInfo: (tokens) => profileFromTokens(oidc, tokens),
          // Name and email follow the provider at every sign-in.
          overrideUserInfo: true,
          postLogoutRedirectURI: SSO_POST_LOGOUT_PATH,
        },
      ],
    }) as BetterAuthPlugin,
  ];
}
