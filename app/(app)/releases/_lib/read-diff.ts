import 'server-only';
// Diff pages read through here: bad parameters and unknown names become a
// message on the page (the URL is shareable, so it may be stale or mistyped).
import { BadParamError } from '@/app/api/v1/_lib/api-route';
import { ClusterUnavailableError, NotFoundError } from '@/lib/release-view';

export type TDiffRead<T> = { ok: true; data: T } | { ok: false; message: string };

export async function readDiff<T>(read: () => Promise<T>): Promise<TDiffRead<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (e) {
    if (
      e instanceof BadParamError ||
      e instanceof NotFoundError ||
      e instanceof ClusterUnavailableError
    )
      return { ok: false, message: e.message };
    throw e;
  }
}

export function diffMode(view: string | string[] | undefined): 'unified' | 'split' {
  return view === 'split' ? 'split' : 'unified';
}
