import 'server-only';
import type { BetterAuthPlugin } from 'better-auth';

/**
 * Single sign-on providers. None yet: an OIDC provider plugs in here as
 * better-auth's genericOAuth plugin (`better-auth/plugins/generic-oauth`)
 * built from a future `auth.oidc` section of helmdeck.yaml; its users then
 * sign in through /api/auth/oauth2/callback/<providerId> and get roles from
 * the admin page like password users.
 */
export function ssoPlugins(): BetterAuthPlugin[] {
  return [];
}
