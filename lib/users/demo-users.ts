// The demo's users and their known passwords; plain data so e2e tests can import it.
import type { TRole } from '@/lib/auth/roles';

export interface TDemoUser {
  name: string;
  email: string;
  password: string;
  roles: TRole[];
}

/** One user per role plus a second approver (production needs two distinct approvers). */
export const DEMO_USERS: readonly TDemoUser[] = [
  {
    name: 'Vera Viewer',
    email: 'viewer@helmdeck.local',
    password: 'demo-viewer',
    roles: ['viewer'],
  },
  {
    name: 'Rita Release',
    email: 'release-manager@helmdeck.local',
    password: 'demo-release-manager',
    roles: ['release_manager'],
  },
  {
    name: 'Abe Approver',
    email: 'approver@helmdeck.local',
    password: 'demo-approver',
    roles: ['approver'],
  },
  {
    name: 'Ada Approver',
    email: 'approver2@helmdeck.local',
    password: 'demo-approver2',
    roles: ['approver'],
  },
  { name: 'Adam Admin', email: 'admin@helmdeck.local', password: 'demo-admin', roles: ['admin'] },
];
