// Who really made a revision: the Operation rows in Postgres, never the free
// text helm keeps as its description (anyone running helm can write "by X"
// there). Pure: the caller hands in the operations of one release.

/** What Postgres says about one operation on a release. */
export type TOperationRef = {
  id: number;
  kind: string;
  state: string;
  revisionBefore: number | null;
  revisionAfter: number | null;
  /** Display name of the requester. */
  actor: string;
};

export type TOrigin =
  /** Made by this Helmdeck operation; the actor comes from Postgres. */
  | { by: 'helmdeck'; operationId: number; actor: string }
  /** No operation made it; `claimed` is what helm's description says, unverified. */
  | { by: 'outside'; claimed: string }
  /** An operation on this release is still queued or running and may yet claim it. */
  | { by: 'pending' };

const MARKER = /^helmdeck op #(\d+) by /;
// helm writes these for a rollback, asked for or automatic (--rollback-on-failure/--atomic).
const ROLLBACK = /^Rollback to \d+/;

/** The operation id Helmdeck wrote into a helm description, or null. */
export function markedOperation(description: string): number | null {
  const m = MARKER.exec(description);
  return m ? Number(m[1]) : null;
}

const active = (op: TOperationRef) => op.state === 'queued' || op.state === 'running';

/** Whether `revision` lies in what `op` changed: after its starting revision, up to where it ended. */
function within(op: TOperationRef, revision: number): boolean {
  if (revision <= (op.revisionBefore ?? 0)) return false;
  return op.revisionAfter === null ? active(op) : revision <= op.revisionAfter;
}

/**
 * The origin of one revision. A revision is Helmdeck's when an operation of
 * the same release covers its number and either wrote its id into the
 * description or it is a helm rollback (helm keeps no custom description for
 * those). A copied marker outside its operation's revisions does not count.
 */
export function originOf(
  rev: { revision: number; description: string },
  ops: readonly TOperationRef[],
): TOrigin {
  const marked = markedOperation(rev.description);
  const covering = ops.filter((op) => within(op, rev.revision));
  const own =
    covering.find((op) => op.id === marked) ??
    (ROLLBACK.test(rev.description) ? covering.at(0) : undefined);
  if (own) return { by: 'helmdeck', operationId: own.id, actor: own.actor };
  if (ops.some((op) => active(op) && rev.revision > (op.revisionBefore ?? 0)))
    return { by: 'pending' };
  return { by: 'outside', claimed: rev.description };
}
