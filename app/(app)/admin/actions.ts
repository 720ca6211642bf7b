'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { ZRole } from '@/lib/auth/roles';
import { requireRole } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import {
  createUser,
  grantRole,
  revokeRole,
  UserInputError,
  withFailureAudit,
  ZNewUser,
  type TActor,
} from '@/lib/users';

export type TAdminFormState = TActionResult<string> | null;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new UserInputError(result.error.issues[0]?.message ?? 'Invalid input.');
  return result.data;
}

function asActor(user: { id: string; name: string }): TActor {
  return { id: user.id, name: user.name };
}

export async function createUserAction(
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return runAction('createUser', async () => {
    const actor = asActor(await requireRole('admin'));
    if (!getConfig().auth.passwordSignIn) {
      throw new UserInputError('Password accounts are off; people sign in with SSO.');
    }
    const input = parse(ZNewUser, Object.fromEntries(form));
    const change = {
      action: 'user.create',
      details: { email: input.email, name: input.name },
    } as const;
    await withFailureAudit(actor, change, () => createUser(input, actor));
    revalidatePath('/admin');
    return `Created ${input.email}. Give them a role below.`;
  });
}

const ZGrant = z.object({
  userId: z.string().min(1),
  role: ZRole,
  environment: z.string().transform((v) => (v === '' ? null : v)),
});

export async function grantRoleAction(
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return runAction('grantRole', async () => {
    const actor = asActor(await requireRole('admin'));
    const grant = parse(ZGrant, Object.fromEntries(form));
    const change = {
      action: 'role.grant',
      environment: grant.environment,
      details: grant,
    } as const;
    await withFailureAudit(actor, change, async () => {
      const known = getConfig().environments.map((e) => e.name);
      if (grant.environment !== null && !known.includes(grant.environment)) {
        throw new UserInputError(`Unknown environment ${grant.environment}.`);
      }
      return grantRole(grant, actor);
    });
    revalidatePath('/admin');
    return 'Role granted.';
  });
}

const ZRevoke = z.object({ grantId: z.coerce.number().int().positive() });

export async function revokeRoleAction(
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return runAction('revokeRole', async () => {
    const actor = asActor(await requireRole('admin'));
    const { grantId } = parse(ZRevoke, Object.fromEntries(form));
    const change = { action: 'role.revoke', details: { grantId } } as const;
    await withFailureAudit(actor, change, () => revokeRole(grantId, actor));
    revalidatePath('/admin');
    return 'Role removed.';
  });
}
