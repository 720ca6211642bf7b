import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { getPrisma } from '@/lib/db';
import { env } from '@/lib/env';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { authSecret } from './secret';
import { ssoPlugins } from './sso';

function createAuth(prisma: PrismaClient) {
  return betterAuth({
    appName: 'Helmdeck',
    // Without HELMDECK_URL: the local default, so links and callbacks never come from a request's Host header.
    baseURL: env().HELMDECK_URL ?? `http://localhost:${env().PORT}`,
    trustedOrigins: [`http://127.0.0.1:${env().PORT}`],
    secret: authSecret(),
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    // Admins create accounts (lib/users); nobody signs themselves up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Kept in Postgres so the limit holds across instances behind a load balancer.
    rateLimit: { storage: 'database' },
    // nextCookies must come last: it writes the cookies of server-side sign-in/out.
    plugins: [...ssoPlugins(), nextCookies()],
    telemetry: { enabled: false },
  });
}

export type TAuth = ReturnType<typeof createAuth>;

let authPromise: Promise<TAuth> | undefined;

/** The better-auth instance, created once the database is up. */
export function getAuth(): Promise<TAuth> {
  if (!authPromise) {
    const created = getPrisma().then(createAuth);
    // Let the next request retry a database that was down.
    created.catch(() => {
      if (authPromise === created) authPromise = undefined;
    });
    authPromise = created;
  }
  return authPromise;
}
