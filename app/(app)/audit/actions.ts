'use server';

import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { verifyAuditChain, type TAuditChainResult } from '@/lib/audit';
import { ForbiddenError } from '@/lib/auth/errors';
import { requireUser } from '@/lib/auth/session';
import { decide } from '@/lib/policy';

/** Re-computes the hash chain of the whole audit log; names the first broken record. Admins only. */
export async function verifyChainAction(): Promise<TActionResult<TAuditChainResult>> {
  return runAction('verifyAuditChain', async () => {
    const user = await requireUser();
    const verdict = decide({ user, action: 'audit.verify', target: {} });
    if (!verdict.allow) throw new ForbiddenError(verdict.reason);
    return verifyAuditChain();
  });
}
