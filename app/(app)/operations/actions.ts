'use server';

// Server actions of the release page and the operations pages. Each one
// authenticates (requireUser: no session, no action), then hands the input to
// the command that validates it (zod) and calls one lib/operations function,
// which authorises through lib/policy and audits refusals.
import { requireUser } from '@/lib/auth/session';
import type { TOperationPreview } from '@/lib/operations';
import type { TCommandResult } from './_lib/command-result';
import { previewCommand, submitOperation } from './_lib/operation-commands';
import type { TOperationView } from './_lib/operation-view';

/** Queues install, upgrade, rollback, uninstall (typed confirmation), test or recover. */
export async function requestOperationAction(
  input: unknown,
): Promise<TCommandResult<TOperationView>> {
  const user = await requireUser();
  return submitOperation(user, input, { typedConfirmation: true });
}

/** The values and manifest diff of an upgrade, install or rollback, before confirming it. */
export async function previewOperationAction(
  input: unknown,
): Promise<TCommandResult<TOperationPreview>> {
  const user = await requireUser();
  return previewCommand(user, input);
}
