'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { ApiTokenError, createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { requireUser } from '@/lib/auth/session';

export type TCreateTokenState = TActionResult<{ token: string; name: string }> | null;

const ZTokenName = z.object({
  name: z.string().trim().min(1, 'Give the token a name.').max(80, 'At most 80 characters.'),
});

/** Creates an API token for the signed-in user; the plaintext is returned once, never stored. */
export async function createTokenAction(
  _prev: TCreateTokenState,
  form: FormData,
): Promise<TCreateTokenState> {
  return runAction('createApiToken', async () => {
    const user = await requireUser();
    const parsed = ZTokenName.safeParse({ name: form.get('name') });
    if (!parsed.success)
      throw new ApiTokenError(parsed.error.issues[0]?.message ?? 'Invalid name.');
    const { token, summary } = await createApiToken({ userId: user.id, name: parsed.data.name });
    revalidatePath('/settings');
    return { token, name: summary.name };
  });
}

/** Revokes one of the signed-in user's own tokens. */
export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await requireUser();
  const id = z.string().min(1).max(64).safeParse(form.get('id'));
  if (id.success) await revokeApiToken(user.id, id.data);
  revalidatePath('/settings');
}
