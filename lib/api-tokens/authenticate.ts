// Who is calling a route handler: an API token (`Authorization: Bearer …`)
// or a browser session. A presented token is final: a bad one answers 401
// rather than falling back to the cookie, so scripts learn their token is dead.
import type { TRoleGrant } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { tokenActorName, verifyApiToken } from './api-tokens';

export type TApiPrincipal = {
  id: string;
  /** For a token: the owner's name and the token's (`Rita Release (token "ci")`), as records show it. */
  name: string;
  email: string;
  grants: TRoleGrant[];
  via: 'session' | 'token';
};

export type TAuthResult = { ok: true; principal: TApiPrincipal } | { ok: false; reason: string };

async function principalOf(userId: string): Promise<Omit<TApiPrincipal, 'via'> | null> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      roleGrants: {
        select: { id: true, role: true, environment: true },
        orderBy: [{ role: 'asc' }, { environment: 'asc' }],
      },
    },
  });
  if (!user) return null;
  return { id: user.id, name: user.name, email: user.email, grants: user.roleGrants };
}

/** Authenticates a request by bearer token, else by session cookie. */
export async function authenticateRequest(headers: Headers): Promise<TAuthResult> {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1])
      return { ok: false, reason: 'The Authorization header must be "Bearer <API token>".' };
    const verified = await verifyApiToken(match[1]);
    if (!verified) return { ok: false, reason: 'The API token is unknown, revoked or expired.' };
    const principal = await principalOf(verified.userId);
    if (!principal) return { ok: false, reason: 'The API token is unknown, revoked or expired.' };
    return {
      ok: true,
      principal: {
        ...principal,
        name: tokenActorName(principal.name, verified.tokenName),
        via: 'token',
      },
    };
  }
  // Without a cookie there is no session to look up; skipping better-auth keeps 401s cheap.
  if (!headers.get('cookie')) return { ok: false, reason: NO_CREDENTIALS };
  const { sessionUserId } = await import('./session-user');
  const userId = await sessionUserId(headers);
  const principal = userId ? await principalOf(userId) : null;
  if (!principal) return { ok: false, reason: NO_CREDENTIALS };
  return { ok: true, principal: { ...principal, via: 'session' } };
}

const NO_CREDENTIALS =
  'Sign in, or send an API token as "Authorization: Bearer <token>" (create one under Settings → API tokens).';
