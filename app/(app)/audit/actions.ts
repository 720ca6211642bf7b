'use server';

import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { verifyAuditChain, type TAuditChainResult } from '@/lib/audit';
import { requireUser } from '@/lib/auth/session';

/** Re-computes the hash chain of the whole audit log; names the first broken record. */
export async function verifyChainAction(): Promise<TActionResult<TAuditChainResult>> {
  return runAction('verifyAuditChain', async () => {
    await requireUser();
    return verifyAuditChain();
  });
}
