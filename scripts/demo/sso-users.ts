// The people of the demo's identity provider; plain data so e2e journeys can import it.
import type { TRole } from '@/lib/auth/roles';
import type { TIdpUser } from '@/lib/auth/testing/identity-provider';
import { DEMO_USERS } from '@/lib/users/demo-users';

/** Groups of the demo provider; examples/helmdeck.yaml maps them to roles. */
export const DEMO_GROUP_OF_ROLE: Record<TRole, string> = {
  viewer: 'helmdeck-viewers',
  release_manager: 'helmdeck-release-managers',
  approver: 'helmdeck-approvers',
  admin: 'helmdeck-admins',
};

/** Someone with no password account: SSO creates their user, limited to development and staging. */
export const DEMO_SSO_ONLY_USER: TIdpUser = {
  sub: 'demo-staging-deployer',
  email: 'staging-deployer@helmdeck.local',
  name: 'Sid Staging',
  password: 'demo-staging-deployer',
  groups: ['helmdeck-staging-deployers'],
};

export const DEMO_SSO_USERS: readonly TIdpUser[] = [
  ...DEMO_USERS.map((u) => ({
    sub: `demo-${u.email.split('@')[0]}`,
    email: u.email,
    name: u.name,
    password: u.password,
    groups: u.roles.map((r) => DEMO_GROUP_OF_ROLE[r]),
  })),
  DEMO_SSO_ONLY_USER,
];
