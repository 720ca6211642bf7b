// The blue/green router as data: which colour an Ingress or Service points
// at, and the one JSON patch that moves it to the other colour. Pure, so the
// rules are tested without a cluster; router-client.ts does the I/O.
import type { TBlueGreenStrategy } from '@/lib/config';

/** An Ingress or Service as the API returns it (only the fields read here). */
export type TRouterObject = {
  metadata?: { name?: string; resourceVersion?: string };
  spec?: Record<string, unknown>;
};

export type TJsonPatchOp =
  { op: 'test' | 'replace' | 'add'; path: string; value: unknown } | { op: 'remove'; path: string };

/** The helm release of a colour: <name>-<colour>. */
export const colourRelease = (name: string, colour: string) => `${name}-${colour}`;

function fill(template: string, name: string, colour: string): string {
  return template
    .replaceAll('{release}', colourRelease(name, colour))
    .replaceAll('{colour}', colour)
    .replaceAll('{name}', name);
}

/** The Service a colour's traffic goes to (the Ingress backend to switch to). */
export const colourService = (s: TBlueGreenStrategy, name: string, colour: string) =>
  fill(s.colourService, name, colour);

/** The Service router's selector value for a colour. */
function selectorValue(s: TBlueGreenStrategy, name: string, colour: string): string {
  return s.router.kind === 'service' ? fill(s.router.value, name, colour) : '';
}

type TBackendRef = { path: string; service: string };

/** Every backend service name of an Ingress with its JSON pointer. */
export function ingressBackends(ingress: TRouterObject): TBackendRef[] {
  const spec = ingress.spec ?? {};
  const out: TBackendRef[] = [];
  const def = (spec.defaultBackend as { service?: { name?: string } } | undefined)?.service?.name;
  if (def) out.push({ path: '/spec/defaultBackend/service/name', service: def });
  const rules = (spec.rules as { http?: { paths?: unknown[] } }[] | undefined) ?? [];
  rules.forEach((rule, r) => {
    (rule.http?.paths ?? []).forEach((p, i) => {
      const name = (p as { backend?: { service?: { name?: string } } }).backend?.service?.name;
      if (name)
        out.push({ path: `/spec/rules/${r}/http/paths/${i}/backend/service/name`, service: name });
    });
  });
  return out;
}

const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

export type TRouterReading = {
  /** The colour every colour-backend points at; null when none does. */
  live: string | null;
  /** Backends (or the selector) point at both colours: a switch was half done by hand. */
  mixed: boolean;
  /** What the router points at, for the page ("alpha-members-green", "app.kubernetes.io/instance=..."). */
  targets: string[];
};

/** Which colour the router sends traffic to, read from the object itself. */
export function readRouter(
  s: TBlueGreenStrategy,
  name: string,
  router: TRouterObject,
): TRouterReading {
  if (s.router.kind === 'ingress') {
    const services = ingressBackends(router).map((b) => b.service);
    const colours = new Set(s.colours.filter((c) => services.includes(colourService(s, name, c))));
    return {
      live: colours.size === 1 ? [...colours][0]! : null,
      mixed: colours.size > 1,
      targets: [...new Set(services)],
    };
  }
  const selector = (router.spec?.selector as Record<string, string> | undefined) ?? {};
  const value = selector[s.router.label];
  const live = s.colours.find((c) => selectorValue(s, name, c) === value) ?? null;
  return {
    live,
    mixed: false,
    targets: value === undefined ? [] : [`${s.router.label}=${value}`],
  };
}

/**
 * The JSON patch that moves the router from `from` to `to`. Each change is
 * guarded by a `test` of the value it replaces, so a switch made meanwhile by
 * someone else fails the patch instead of being overwritten.
 */
export function switchPatch(
  s: TBlueGreenStrategy,
  name: string,
  router: TRouterObject,
  to: string,
): TJsonPatchOp[] {
  if (s.router.kind === 'ingress') {
    const target = colourService(s, name, to);
    const colourServices = new Set(s.colours.map((c) => colourService(s, name, c)));
    const backends = ingressBackends(router);
    // A router that points at no colour yet (adopted from a standard release) is taken over whole.
    const adopting = !backends.some((b) => colourServices.has(b.service));
    const ops: TJsonPatchOp[] = [];
    for (const b of backends) {
      if ((!adopting && !colourServices.has(b.service)) || b.service === target) continue;
      ops.push({ op: 'test', path: b.path, value: b.service });
      ops.push({ op: 'replace', path: b.path, value: target });
    }
    return ops;
  }
  const path = `/spec/selector/${pointer(s.router.label)}`;
  const current = (router.spec?.selector as Record<string, string> | undefined)?.[s.router.label];
  const value = selectorValue(s, name, to);
  if (current === value) return [];
  if (current === undefined) return [{ op: 'add', path, value }];
  return [
    { op: 'test', path, value: current },
    { op: 'replace', path, value },
  ];
}

/** The colour that is not `colour`. */
export function otherColour(s: TBlueGreenStrategy, colour: string): string {
  return s.colours.find((c) => c !== colour) ?? colour;
}
