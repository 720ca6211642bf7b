import 'server-only';
import { nextCookies } from 'better-auth/next-js';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { namedVariable } from '@/lib/env';
import { publicOrigins, publicUrl } from '@/lib/http/public-origin';
import { createAuth, type TAuth } from './create-auth';
import { authSecret } from './secret';

export type { TAuth } from './create-auth';

let authPromise: Promise<TAuth> | undefined;

/** The better-auth instance, created once the database is up. */
export function getAuth(): Promise<TAuth> {
  if (!authPromise) {
    const created = getPrisma().then((prisma) => {
      const { auth } = getConfig();
      const secretEnv = auth.oidc?.clientSecretEnv;
      return createAuth({
        prisma,
        baseURL: publicUrl(),
        trustedOrigins: publicOrigins(),
        secret: authSecret(),
        auth,
        oidcClientSecret: secretEnv ? namedVariable(secretEnv) : undefined,
        // nextCookies must come last: it writes the cookies of server-side sign-in/out.
        plugins: [nextCookies()],
      });
    });
    // Let the next request retry a database that was down.
    created.catch(() => {
      if (authPromise === created) authPromise = undefined;
    });
    authPromise = created;
  }
  return authPromise;
}
