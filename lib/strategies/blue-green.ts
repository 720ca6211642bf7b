// Blue/green against a cluster: the live colour read from the router object
// (so a switch made with kubectl shows up), the switch as one guarded PATCH,
// and its verification (the router points at the new colour, whose
// endpoints are ready).
import type { TBlueGreenStrategy } from '@/lib/config';
import {
  getObject,
  patchObject,
  readyEndpoints,
  StrategyError,
  type TStrategyKube,
} from './kube-calls';
import {
  colourRelease,
  colourService,
  readRouter,
  switchPatch,
  type TJsonPatchOp,
  type TRouterObject,
} from './router';

/** Annotations Helmdeck writes on the router with each switch: which colour, since when. */
export const LIVE_COLOUR_ANNOTATION = 'helmdeck.io/live-colour';
export const LIVE_SINCE_ANNOTATION = 'helmdeck.io/live-since';

export type TColourState = {
  colour: string;
  release: string;
  service: string;
  serviceExists: boolean;
  readyEndpoints: number;
};

export type TBlueGreenState = {
  router: { kind: 'ingress' | 'service'; name: string; exists: boolean; targets: string[] };
  live: string | null;
  idle: string | null;
  /** The router points at both colours (a hand-made half switch). */
  mixed: boolean;
  /** When Helmdeck switched to the live colour; null when switched by other means or never. */
  liveSince: string | null;
  colours: TColourState[];
};

function annotations(o: TRouterObject | null): Record<string, string> {
  return ((o?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ??
    {}) as Record<string, string>;
}

/** The router's state and each colour's Service, read from the cluster now. */
export async function readBlueGreenState(
  kube: TStrategyKube,
  namespace: string,
  name: string,
  s: TBlueGreenStrategy,
): Promise<TBlueGreenState> {
  const router = await getObject(kube, s.router.kind, namespace, s.router.name);
  const reading = router ? readRouter(s, name, router) : { live: null, mixed: false, targets: [] };
  const colours = await Promise.all(
    s.colours.map(async (colour): Promise<TColourState> => {
      const service = colourService(s, name, colour);
      const svc = await getObject(kube, 'service', namespace, service);
      return {
        colour,
        release: colourRelease(name, colour),
        service,
        serviceExists: svc !== null,
        readyEndpoints: svc ? await readyEndpoints(kube, namespace, service) : 0,
      };
    }),
  );
  const a = annotations(router);
  const live = reading.live;
  return {
    router: {
      kind: s.router.kind,
      name: s.router.name,
      exists: router !== null,
      targets: reading.targets,
    },
    live,
    idle: live ? (s.colours.find((c) => c !== live) ?? null) : null,
    mixed: reading.mixed,
    liveSince:
      live && a[LIVE_COLOUR_ANNOTATION] === live ? (a[LIVE_SINCE_ANNOTATION] ?? null) : null,
    colours,
  };
}

const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function stampOps(router: TRouterObject, colour: string, at: Date): TJsonPatchOp[] {
  const value = { [LIVE_COLOUR_ANNOTATION]: colour, [LIVE_SINCE_ANNOTATION]: at.toISOString() };
  const existing = (router.metadata as { annotations?: Record<string, string> } | undefined)
    ?.annotations;
  if (!existing) return [{ op: 'add', path: '/metadata/annotations', value }];
  return Object.entries(value).map(([k, v]) => ({
    op: 'add' as const,
    path: `/metadata/annotations/${pointer(k)}`,
    value: v,
  }));
}

export type TSwitchResult = { from: string | null; to: string; patch: TJsonPatchOp[] };

/**
 * Points the router at `to` with one PATCH. Refuses when the router is
 * missing or already there; a change made meanwhile fails the guarded patch
 * (StrategyError conflict) and nothing is half switched.
 */
export async function switchRouter(
  kube: TStrategyKube,
  namespace: string,
  name: string,
  s: TBlueGreenStrategy,
  to: string,
  now: Date = new Date(),
): Promise<TSwitchResult> {
  if (!s.colours.includes(to))
    throw new StrategyError(`colour: "${to}" is not one of ${s.colours.join(', ')}`, 'invalid');
  const where = `${s.router.kind} ${namespace}/${s.router.name}`;
  const router = await getObject(kube, s.router.kind, namespace, s.router.name);
  if (!router) throw new StrategyError(`${where}: the router does not exist`, 'not_found');
  const { live } = readRouter(s, name, router);
  const ops = switchPatch(s, name, router, to);
  if (ops.length === 0)
    throw new StrategyError(`${where} already sends traffic to ${to}`, 'conflict');
  const patch = [...ops, ...stampOps(router, to, now)];
  await patchObject(kube, s.router.kind, namespace, s.router.name, patch);
  return { from: live, to, patch };
}

export type TSwitchVerification = {
  ok: boolean;
  /** The router points at the colour. */
  routed: boolean;
  readyEndpoints: number;
  detail: string;
};

/**
 * After a switch: the router points at `colour` and the Service traffic now
 * reaches has ready endpoints. Polls until `timeoutMs` (endpoints follow the
 * selector a moment later); the last reading is the result.
 */
export async function verifySwitch(
  kube: TStrategyKube,
  namespace: string,
  name: string,
  s: TBlueGreenStrategy,
  colour: string,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<TSwitchVerification> {
  const until = Date.now() + (opts.timeoutMs ?? 30_000);
  // A Service router is itself the Service traffic reaches; an Ingress reaches the colour's Service.
  const reached = s.router.kind === 'service' ? s.router.name : colourService(s, name, colour);
  for (;;) {
    const router = await getObject(kube, s.router.kind, namespace, s.router.name);
    const routed = router !== null && readRouter(s, name, router).live === colour;
    const ready = routed ? await readyEndpoints(kube, namespace, reached) : 0;
    if ((routed && ready > 0) || Date.now() >= until) {
      const detail = !routed
        ? `${s.router.kind} ${s.router.name} does not point at ${colour}`
        : ready > 0
          ? `${s.router.kind} ${s.router.name} points at ${colour}; service ${reached} has ${ready} ready endpoint${ready === 1 ? '' : 's'}`
          : `service ${reached} has no ready endpoints`;
      return { ok: routed && ready > 0, routed, readyEndpoints: ready, detail };
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}
