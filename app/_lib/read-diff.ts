import 'server-only';
// Diff pages (and the release page's prefetch) read through here: bad
// parameters, unknown names and clusters that cannot answer become a message
// on the page (the URL is shareable, so it may be stale or mistyped).
import { AppError } from '@/lib/errors';

export type TDiffRead<T> = { ok: true; data: T } | { ok: false; message: string };

// A place the user may not view is said so, like a mistyped one.
const SHOWN = new Set(['invalid', 'not_found', 'unavailable', 'forbidden']);

export async function readDiff<T>(read: () => Promise<T>): Promise<TDiffRead<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (e) {
    if (e instanceof AppError && SHOWN.has(e.code)) return { ok: false, message: e.userMessage };
    throw e;
  }
}

export function diffMode(view: string | string[] | undefined): 'unified' | 'split' {
  return view === 'split' ? 'split' : 'unified';
}
