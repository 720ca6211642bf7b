// Who a request is: the bearer token names a user. Each cluster's own token
// (the kubeconfig's) is the cluster admin, in `system:masters` like a
// kubeadm admin; tests add tokens for other users and groups, which RBAC
// then authorises.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface TUser {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const ADMIN_USER: TUser = {
  name: 'kubernetes-admin',
  groups: ['system:masters', 'system:authenticated'],
};

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** The namespace and name of a service account user name, if it is one. */
export function serviceAccountOf(name: string): { namespace: string; name: string } | undefined {
  const m = SERVICE_ACCOUNT.exec(name);
  return m ? { namespace: m[1]!, name: m[2]! } : undefined;
}

/**
 * The groups an authenticated user ends up with: the given ones, a service
 * account's own groups when none are given, and `system:authenticated`.
 */
export function authenticatedGroups(name: string, groups: string[]): string[] {
  const sa = serviceAccountOf(name);
  const base =
    groups.length === 0 && sa
      ? ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`]
      : groups;
  if (name === 'system:anonymous')
    return base.includes('system:unauthenticated') ? base : [...base, 'system:unauthenticated'];
  return base.includes('system:authenticated') ? base : [...base, 'system:authenticated'];
}

export const ZUserSpec = z.object({
  name: z
    .string()
    .min(1, 'a user name is required')
    .max(253)
    .refine((n) => n !== 'system:anonymous', 'system:anonymous cannot have a token'),
  groups: z.array(z.string().min(1).max(253)).max(64).optional(),
});
export type TUserSpec = z.infer<typeof ZUserSpec>;

/** Bearer tokens of the users tests add; one set for the whole sandbox (every cluster accepts them). */
export class UserTokens {
  constructor(
    private readonly byToken: Record<string, TUserSpec>,
    private readonly onChange: () => void = () => {},
  ) {}

  add(spec: TUserSpec): string {
    const parsed = ZUserSpec.parse(spec);
    const token = randomBytes(24).toString('base64url');
    this.byToken[token] = { name: parsed.name, groups: parsed.groups ?? [] };
    this.onChange();
    return token;
  }

  userOf(token: string): TUser | undefined {
    const spec = Object.hasOwn(this.byToken, token) ? this.byToken[token] : undefined;
    return spec && { name: spec.name, groups: authenticatedGroups(spec.name, spec.groups ?? []) };
  }
}
