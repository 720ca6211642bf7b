import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect, unauthorized } from 'next/navigation';
import { cache } from 'react';
import { mayView } from '@/lib/policy/read-access';
import { listRoleGrants } from '@/lib/users/list-role-grants';
import { getAuth } from './auth';
import { hasRole, type TRole, type TRoleGrant } from './roles';

export interface TCurrentUser {
  id: string;
  name: string;
  email: string;
  grants: TRoleGrant[];
}

/** The signed-in user of this request with their role grants, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<TCurrentUser | null> => {
  // headers() first: it marks the page dynamic before anything touches the database.
  const requestHeaders = await headers();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email, grants: await listRoleGrants(id) };
});

/** For pages and server actions: the signed-in user, else a redirect to /sign-in. */
export async function requireUser(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** For route handlers: the signed-in user, else a 401 answer. */
export async function requireApiUser(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) unauthorized();
  return user;
}

/**
 * For pages, server actions and route handlers: the signed-in user holding
 * `role` (for `environment` when given), else a 403 answer (app/forbidden.tsx).
 */
export async function requireRole(
  role: TRole,
  options: { environment?: string } = {},
): Promise<TCurrentUser> {
  const user = await requireUser();
  if (!hasRole(user.grants, role, options.environment)) forbidden();
  return user;
}

/**
 * For pages that show Helmdeck's data: the signed-in user holding some role.
 * A user without any gets the 403 page; the app layout tells them why.
 */
export async function requireViewer(): Promise<TCurrentUser> {
  const user = await requireUser();
  if (user.grants.length === 0) forbidden();
  return user;
}

/** For pages of one environment (or two, for a diff): 403 unless the user may view each. */
export async function requireView(...environments: string[]): Promise<TCurrentUser> {
  const user = await requireViewer();
  if (!environments.every((e) => mayView(user, e))) forbidden();
  return user;
}
