// One read check for route handlers and pages: Helmdeck's policy (`view` on
// each environment shown), then, on clusters with `impersonate: true`, the
// cluster's RBAC for the person. No `server-only` marker: integration tests
// call the route handlers that use it.
import { isAppError } from '@/lib/errors';
import { assertClusterReads, refusedPlaces, type TReadPlace } from '@/lib/kube/person-reads';
import { assertView, columnKey, type THiddenColumns, type TPolicyUser } from '@/lib/policy';

export type { TReadPlace } from '@/lib/kube/person-reads';

/** Throws a 403 AppError naming what refused: the role, or the cluster's verb and resource. */
export async function authorizeRead(user: TPolicyUser, ...places: TReadPlace[]): Promise<void> {
  assertView(user, ...places.map((p) => p.environment));
  await assertClusterReads(user, places);
}

/** For pages: the refusal's message, or null when the read may go ahead. */
export async function readRefusal(
  user: TPolicyUser,
  ...places: TReadPlace[]
): Promise<string | null> {
  try {
    await authorizeRead(user, ...places);
    return null;
  } catch (e) {
    if (isAppError(e) && e.code === 'forbidden') return e.userMessage;
    throw e;
  }
}

/** The overview columns impersonating clusters refuse `user`, to cut the overview and its stream. */
export async function hiddenColumns(user: TPolicyUser): Promise<THiddenColumns> {
  return new Set((await refusedPlaces(user)).map(columnKey));
}
