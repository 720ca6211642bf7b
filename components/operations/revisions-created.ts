// The helm revisions an operation created, from the release's history: a
// failed upgrade that helm rolled back made two (the failed one and the rollback).
import type { THistoryEntry } from '@/lib/release-view';
import type { TOperationView } from '@/lib/operations/operation-view';

export type TCreatedRevision = { revision: number; status: string; description: string };

export function revisionsCreated(
  op: Pick<TOperationView, 'id' | 'revisionBefore' | 'revisionAfter' | 'state'>,
  history: readonly Pick<THistoryEntry, 'revision' | 'status' | 'description' | 'origin'>[],
): TCreatedRevision[] {
  const before = op.revisionBefore ?? 0;
  const active = op.state === 'queued' || op.state === 'running';
  return history
    .filter((h) => {
      if (h.revision <= before) return false;
      if (h.origin?.by === 'helmdeck') return h.origin.operationId === op.id;
      return op.revisionAfter !== null ? h.revision <= op.revisionAfter : active;
    })
    .map((h) => ({ revision: h.revision, status: h.status, description: h.description }))
    .sort((a, b) => a.revision - b.revision);
}

/** "6 failed, 7 deployed (Rollback to 5)". */
export function createdText(created: readonly TCreatedRevision[]): string {
  return created
    .map(
      (c) =>
        `${c.revision} ${c.status}${/^Rollback to \d+/i.test(c.description) ? ` (${c.description})` : ''}`,
    )
    .join(', ');
}
