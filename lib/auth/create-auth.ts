// The better-auth instance, built from explicit inputs so integration tests
// can build one against their own database and identity provider. The app's
// instance (auth.ts) passes the environment, helmdeck.yaml and nextCookies.
// No `server-only` marker for that reason.
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { recordAudit } from '@/lib/audit/append-audit';
import type { TAuthConfig } from '@/lib/config/auth';
import type { PrismaClient } from '@/lib/db';
import { syncSsoGrants } from '@/lib/users/sync-sso-grants';
import { clearSignInAttempts, countSignInAttempt, SIGN_IN_LOCKED_MESSAGE } from './sign-in-limit';
import { currentSsoSignIn, SSO_PROVIDER_ID, ssoPlugins } from './sso';
import { grantsFromGroups } from './sso-roles';

export interface TAuthInputs {
  prisma: PrismaClient;
  baseURL: string;
  trustedOrigins: string[];
  secret: string;
  auth: TAuthConfig;
  /** The value of auth.oidc.clientSecretEnv, when the provider is a confidential client. */
  oidcClientSecret?: string;
  /** Appended after Helmdeck's own (nextCookies must be last). */
  plugins?: BetterAuthPlugin[];
}

export function createAuth(inputs: TAuthInputs) {
  const { prisma, auth } = inputs;
  const oidc = auth.oidc;
  return betterAuth({
    appName: 'Helmdeck',
    baseURL: inputs.baseURL,
    trustedOrigins: inputs.trustedOrigins,
    secret: inputs.secret,
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    // Admins create password accounts (lib/users); nobody signs themselves up.
    emailAndPassword: {
      enabled: auth.passwordSignIn,
      disableSignUp: true,
      minPasswordLength: 8,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      additionalFields: { viaSso: { type: 'boolean', defaultValue: false, input: false } },
    },
    account: {
      // The provider is the company's identity provider, configured by an admin: its
      // verified email links a person's SSO sign-in to their existing Helmdeck user.
      accountLinking: { enabled: true, trustedProviders: [SSO_PROVIDER_ID] },
      encryptOAuthTokens: true,
    },
    // Kept in Postgres so the limit holds across instances behind a load balancer.
    rateLimit: { storage: 'database' },
    plugins: [...ssoPlugins(oidc, inputs.oidcClientSecret), ...(inputs.plugins ?? [])],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Only the redirect flow (with PKCE, state and nonce) signs in; a client-submitted id token does not.
        const body = ctx.body as { idToken?: unknown; email?: unknown } | undefined;
        if (ctx.path === '/sign-in/social' && body?.idToken !== undefined) {
          throw new APIError('BAD_REQUEST', {
            message: 'Single sign-on works through the identity provider redirect only.',
          });
        }
        // Counted before the password is checked, on every path (the form's server action and
        // better-auth's own endpoint alike); once locked, the right password is refused too.
        if (ctx.path === '/sign-in/email' && typeof body?.email === 'string') {
          if (!(await countSignInAttempt(prisma, body.email)))
            throw new APIError('TOO_MANY_REQUESTS', { message: SIGN_IN_LOCKED_MESSAGE });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const body = ctx.body as { email?: unknown } | undefined;
        if (
          ctx.path === '/sign-in/email' &&
          ctx.context.newSession &&
          typeof body?.email === 'string'
        )
          await clearSignInAttempts(prisma, body.email);
      }),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            const sso = await currentSsoSignIn().catch(() => null);
            if (!sso) return; // password users are created (and audited) by lib/users
            await recordAudit(prisma, {
              actor: 'system:sso',
              actorName: 'single sign-on',
              action: 'user.create',
              outcome: 'succeeded',
              details: { userId: user.id, email: user.email, name: user.name, source: 'sso' },
            });
          },
        },
      },
      session: {
        create: {
          // Roles follow the groups of this sign-in; a password sign-in carries no groups, so SSO roles end.
          before: async (session, ctx) => {
            const sso = await currentSsoSignIn().catch(() => null);
            const user = await prisma.user.findUnique({
              where: { id: session.userId },
              select: { id: true, email: true },
            });
            if (!user) return;
            if (sso && oidc) {
              await syncSsoGrants(
                prisma,
                user,
                grantsFromGroups(sso.groups, oidc.roles),
                'sso',
                sso,
              );
              return { data: { ...session, viaSso: true } };
            }
            if (ctx?.path === '/sign-in/email') await syncSsoGrants(prisma, user, [], 'password');
          },
        },
      },
    },
    telemetry: { enabled: false },
  });
}

export type TAuth = ReturnType<typeof createAuth>;
