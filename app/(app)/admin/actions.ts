'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { ZRole } from '@/lib/auth/roles';
import { requireRole } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { createUser, grantRole, revokeRole, UserInputError, ZNewUser } from '@/lib/users';

export type TAdminFormState = TActionResult<string> | null;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new UserInputError(result.error.issues[0]?.message ?? 'Invalid input.');
  return result.data;
}

export async function createUserAction(
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return runAction('createUser', async () => {
    await requireRole('admin');
    const input = parse(ZNewUser, Object.fromEntries(form));
    await createUser(input);
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
    const admin = await requireRole('admin');
    const grant = parse(ZGrant, Object.fromEntries(form));
    const known = getConfig().environments.map((e) => e.name);
    if (grant.environment !== null && !known.includes(grant.environment)) {
      throw new UserInputError(`Unknown environment ${grant.environment}.`);
    }
    await grantRole({ ...grant, grantedById: admin.id });
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
    await requireRole('admin');
    const { grantId } = parse(ZRevoke, Object.fromEntries(form));
    await revokeRole(grantId);
    revalidatePath('/admin');
    return 'Role removed.';
  });
}
