// The `auth` section of helmdeck.yaml: single sign-on with an OpenID Connect
// provider, how its groups become Helmdeck roles, and whether password
// accounts still sign in.
import { z } from 'zod';
import { ZRole } from '@/lib/auth/roles';
import type { TConfigIssue } from './cross-checks';
import { ZDnsLabel } from './primitives';

/** An environment variable name, as shells and Kubernetes Secrets (envFrom) accept it. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** OAuth scope tokens: printable ASCII without space, `"` or `\` (RFC 6749, 3.3). */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export const ZOidcRoleMapping = z
  .strictObject({
    /** A value of the groups claim, compared exactly. */
    group: z.string().min(1, 'required'),
    role: ZRole,
    /** Limits a release manager to these environments; without it the role covers every one. */
    environments: z.array(ZDnsLabel).min(1, 'at least one environment').optional(),
  })
  .superRefine((m, ctx) => {
    if (m.environments && m.role !== 'release_manager') {
      ctx.addIssue({
        code: 'custom',
        path: ['environments'],
        message: `only release_manager can be limited to environments (${m.role} applies to all)`,
      });
    }
  });

export const ZOidc = z.strictObject({
  /** The provider's issuer URL; discovery reads <issuer>/.well-known/openid-configuration. */
  issuer: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }),
  clientId: z.string().min(1, 'required'),
  /** Name of the environment variable holding the client secret; omit for a public client (PKCE only). */
  clientSecretEnv: z
    .string()
    .regex(ENV_NAME, 'an environment variable name (letters, digits and _)')
    .optional(),
  scopes: z
    .array(z.string().regex(SCOPE, 'a scope name without spaces or quotes'))
    .default(['openid', 'profile', 'email'])
    .refine((s) => s.includes('openid'), 'must include openid'),
  /** The claim (in the id token or userinfo) that lists the person's groups. */
  groupsClaim: z.string().min(1, 'required').default('groups'),
  /** Group to role mapping, applied at every sign-in: a person leaving a group loses its role. */
  roles: z.array(ZOidcRoleMapping).default([]),
});

export const ZAuth = z
  .strictObject({
    /** false: only single sign-on; password sign-in and password accounts are off. */
    passwordSignIn: z.boolean().default(true),
    oidc: ZOidc.optional(),
  })
  .superRefine((a, ctx) => {
    if (!a.passwordSignIn && !a.oidc) {
      ctx.addIssue({
        code: 'custom',
        path: ['passwordSignIn'],
        message: 'can be false only with auth.oidc configured, or nobody could sign in',
      });
    }
  });

export type TOidcRoleMapping = z.output<typeof ZOidcRoleMapping>;
export type TOidcConfig = z.output<typeof ZOidc>;
export type TAuthConfig = z.output<typeof ZAuth>;

const ZLenientAuth = z
  .object({
    environments: z.array(z.object({ name: z.string() }).catch({ name: '' })).catch([]),
    auth: z
      .object({
        oidc: z
          .object({
            roles: z
              .array(
                z
                  .object({ environments: z.array(z.string().catch('')).catch([]) })
                  .catch({ environments: [] }),
              )
              .catch([]),
          })
          .optional()
          .catch(undefined),
      })
      .optional()
      .catch(undefined),
  })
  .catch({ environments: [] });

/** Environments named in the role mapping must exist, like a release's promotion stages. */
export function checkAuthEnvironments(data: unknown): TConfigIssue[] {
  const view = ZLenientAuth.parse(data);
  const known = new Set(view.environments.map((e) => e.name));
  const issues: TConfigIssue[] = [];
  view.auth?.oidc?.roles.forEach((mapping, r) => {
    mapping.environments.forEach((name, e) => {
      if (name !== '' && !known.has(name)) {
        issues.push({
          path: ['auth', 'oidc', 'roles', r, 'environments', e],
          message: `unknown environment "${name}" (known: ${[...known].join(', ')})`,
        });
      }
    });
  });
  return issues;
}
