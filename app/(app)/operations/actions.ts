'use server';

// Server actions of the release page and the operations pages. Each one
// authenticates (requireUser: no session, no action), then hands the input to
// one lib/operations command, which validates it (zod), authorises through
// lib/policy and audits refusals.
import { runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import type { TActionResult } from '@/lib/errors';
import {
  previewCommand,
  submitOperation,
  type TOperationPreview,
  type TOperationView,
} from '@/lib/operations';

/** Queues an operation of any kind (kinds that ask for it get the typed release name checked). */
export async function requestOperationAction(
  input: unknown,
): Promise<TActionResult<TOperationView>> {
  return runAction('requestOperation', async () =>
    submitOperation(await requireUser(), input, { typedConfirmation: true }),
  );
}

/** The values and manifest diff of an operation, before confirming it. */
export async function previewOperationAction(
  input: unknown,
): Promise<TActionResult<TOperationPreview>> {
  return runAction('previewOperation', async () => previewCommand(await requireUser(), input));
}
