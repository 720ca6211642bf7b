// What the blue/green page shows, read now from the cluster (router, colour
// Services, helm's release Secrets) and from Helmdeck's operations (last idle
// test, last switch, the one running). Authorised like every read; no values
// or manifests leave here, only builds and states.
import {
  findCluster,
  findEnvironment,
  findRelease,
  parseDuration,
  strategyFor,
} from '@/lib/config';
import type { TBlueGreenStrategy } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { ForbiddenError } from '@/lib/auth/errors';
import { kubeClients, operationsRuntime } from '@/lib/operations/runtime';
import { decide, type TPolicyUser } from '@/lib/policy';
import { lastIdleTest, lastSwitch } from '../blue-green-history';
import { readBlueGreenState, type TBlueGreenState } from '../blue-green';
import { StrategyError } from '../kube-calls';
import { releaseBuild } from '../release-build';

export type TPlaceInput = { environment: string; cluster: string; release: string };

export type TColourView = {
  colour: string;
  release: string;
  service: string;
  role: 'live' | 'idle';
  installed: boolean;
  revision: number | null;
  status: string | null;
  chartVersion: string | null;
  imageTag: string | null;
  lastDeployed: string | null;
  readyEndpoints: number;
  /** The last idle test of this colour, and whether it covered the revision running now. */
  lastTest: { operationId: number; passed: boolean; current: boolean; error: string | null } | null;
};

export type TBlueGreenView = {
  place: TPlaceInput & { namespace: string };
  /** When this was read (pages show ages against it). */
  readAt: string;
  requireTicket: boolean;
  router: TBlueGreenState['router'] & { mixed: boolean };
  live: string | null;
  liveSince: string | null;
  colours: TColourView[];
  lastSwitch: {
    operationId: number;
    kind: string;
    from: string | null;
    to: string | null;
    at: string | null;
  } | null;
  /** Switch back returns here (the colour the last switch left), when it is still installed. */
  switchBackTo: string | null;
  /** When retiring the idle colour is offered (ISO), or null when it is now. */
  retireFrom: string | null;
  retire: TBlueGreenStrategy['retire'];
  running: { id: number; kind: string } | null;
  /** The cluster could not be read: the message, and the rest of the page is empty. */
  unavailable: string | null;
};

export class BlueGreenNotFoundError extends Error {
  readonly userMessage: string;
  constructor(message: string) {
    super(message);
    this.name = 'BlueGreenNotFoundError';
    this.userMessage = message;
  }
}

function placeOf(p: TPlaceInput) {
  const { config } = operationsRuntime();
  const environment = findEnvironment(config, p.environment);
  const cluster = environment && findCluster(environment, p.cluster);
  const configured = findRelease(config, p.release);
  const strategy =
    configured && environment && cluster && strategyFor(configured, environment.name, cluster.name);
  if (!environment || !cluster || !strategy || strategy.type !== 'blueGreen')
    throw new BlueGreenNotFoundError(
      `${p.release} is not a blue/green release in ${p.environment}/${p.cluster}`,
    );
  return { environment, cluster, strategy };
}

/** The blue/green page of a release; ForbiddenError unless the user may view the environment. */
export async function getBlueGreenView(user: TPolicyUser, p: TPlaceInput): Promise<TBlueGreenView> {
  const verdict = decide({ user, action: 'view', target: p });
  if (!verdict.allow) throw new ForbiddenError(verdict.reason);
  const { environment, cluster, strategy } = placeOf(p);
  const prisma = await getPrisma();
  const ns = environment.namespace;
  const [last, running] = await Promise.all([
    lastSwitch(prisma, p),
    prisma.operation.findFirst({
      where: { ...p, state: { in: ['queued', 'running'] } },
      select: { id: true, kind: true },
    }),
  ]);
  const base = {
    place: { ...p, namespace: ns },
    readAt: new Date().toISOString(),
    requireTicket: environment.requireTicket,
    retire: strategy.retire,
    lastSwitch: last && {
      operationId: last.id,
      kind: last.kind,
      from: last.from,
      to: last.to,
      at: last.at?.toISOString() ?? null,
    },
    running,
  };
  const kube = kubeClients(cluster.context);
  let state: TBlueGreenState;
  let builds: Awaited<ReturnType<typeof releaseBuild>>[];
  try {
    state = await readBlueGreenState(kube, ns, p.release, strategy);
    builds = await Promise.all(state.colours.map((c) => releaseBuild(kube, ns, c.release)));
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    return {
      ...base,
      router: {
        kind: strategy.router.kind,
        name: strategy.router.name,
        exists: false,
        targets: [],
        mixed: false,
      },
      live: null,
      liveSince: null,
      colours: [],
      switchBackTo: null,
      retireFrom: null,
      unavailable: e.message,
    };
  }
  const colours = await Promise.all(
    state.colours.map(async (c, i): Promise<TColourView> => {
      const build = builds[i] ?? null;
      const test = await lastIdleTest(prisma, p, c.colour);
      return {
        colour: c.colour,
        release: c.release,
        service: c.service,
        role: state.live === c.colour ? 'live' : 'idle',
        installed: build !== null,
        revision: build?.revision ?? null,
        status: build?.status ?? null,
        chartVersion: build?.chartVersion ?? null,
        imageTag: build?.imageTag ?? null,
        lastDeployed: build?.lastDeployed ?? null,
        readyEndpoints: c.readyEndpoints,
        lastTest: test && {
          operationId: test.id,
          passed: test.state === 'succeeded',
          current: build !== null && test.revisionAfter === build.revision,
          error: test.error,
        },
      };
    }),
  );
  const back = last?.from && last.to === state.live ? last.from : null;
  const since = [last?.at?.getTime(), state.liveSince ? Date.parse(state.liveSince) : undefined]
    .filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
    .sort((a, b) => b - a)[0];
  const retireAt = since === undefined ? null : since + (parseDuration(strategy.retireAfter) ?? 0);
  return {
    ...base,
    router: { ...state.router, mixed: state.mixed },
    live: state.live,
    liveSince: state.liveSince,
    colours,
    switchBackTo: back && colours.some((c) => c.colour === back && c.installed) ? back : null,
    retireFrom:
      retireAt !== null && retireAt > Date.now() ? new Date(retireAt).toISOString() : null,
    unavailable: null,
  };
}
