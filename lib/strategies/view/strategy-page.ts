// What the blue/green and canary pages share: the place from the URL, the
// signed-in viewer, the strategy's view (a refusal is 403, a place without
// that strategy 404) and whether the user may act on it.
import { forbidden, notFound } from 'next/navigation';
import { ForbiddenError } from '@/lib/auth/errors';
import { requireViewer, type TCurrentUser } from '@/lib/auth/session';
import { decide, type TPolicyAction } from '@/lib/policy';

export type TStrategyPlace = { environment: string; cluster: string; release: string };

export async function decodePlace(params: Promise<TStrategyPlace>): Promise<TStrategyPlace> {
  const p = await params;
  return {
    environment: decodeURIComponent(p.environment),
    cluster: decodeURIComponent(p.cluster),
    release: decodeURIComponent(p.release),
  };
}

export async function loadStrategyPage<V>(
  params: Promise<TStrategyPlace>,
  options: {
    load: (user: TCurrentUser, place: TStrategyPlace) => Promise<V>;
    /** The view's error for a place without this strategy. */
    notFoundError: abstract new (...args: never[]) => Error;
    /** The action that decides whether the page offers its buttons. */
    action: TPolicyAction;
  },
): Promise<{ place: TStrategyPlace; view: V; canAct: boolean }> {
  const user = await requireViewer();
  const place = await decodePlace(params);
  let view: V;
  try {
    view = await options.load(user, place);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    if (e instanceof options.notFoundError) notFound();
    throw e;
  }
  const canAct = decide({ user, action: options.action, target: place }).allow;
  return { place, view, canAct };
}
