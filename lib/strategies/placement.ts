// How the overview sees strategies: a blue/green release is one row whose
// cell shows the live colour (read from the router object in the watched
// Ingresses and Services), not two unrelated releases; a canary release is
// part of its stable release's row. Pure: the read model feeds it objects
// (which helm names belong to whom is strategyHelmNames in lib/config).
import type { TStrategy } from '@/lib/config';
import { readRouter, type TRouterObject } from './router';

/** The live colour of a blue/green release from the namespace's Ingresses and Services; null when none. */
export function liveColourIn(
  release: string,
  s: Extract<TStrategy, { type: 'blueGreen' }>,
  objects: { ingresses: TRouterObject[]; services: TRouterObject[] },
): string | null {
  const pool = s.router.kind === 'ingress' ? objects.ingresses : objects.services;
  const router = pool.find((o) => o.metadata?.name === s.router.name);
  return router ? readRouter(s, release, router).live : null;
}
