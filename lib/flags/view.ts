// The flags page: each feature flag of a release against each environment and
// cluster of its promotion path, with the live value read from the values of
// the release serving that place (the live colour where blue/green) and the
// value Helmdeck keeps for it. Only flag values leave here, never the rest of
// the values; places the user may not view are left out.
import { findEnvironment, findRelease, strategyFor, type TFlag } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { kubeClients, operationsRuntime } from '@/lib/operations/runtime';
import { decide, type TPolicyUser } from '@/lib/policy';
import { redactValues } from '@/lib/releases/redact';
import {
  colourRelease,
  mergeValues,
  readBlueGreenState,
  releaseBuild,
  StrategyError,
  valueAt,
} from '@/lib/strategies';

export type TFlagCell = {
  environment: string;
  cluster: string;
  /** The helm release the value was read from (a colour where blue/green). */
  helmRelease: string | null;
  colour: string | null;
  installed: boolean;
  /** The value in the deployed release's values (undefined: not set there). */
  live: unknown;
  /** The value the last toggle here set, kept as the last values layer; undefined when never toggled. */
  kept: unknown;
  canSet: boolean;
  error: string | null;
};

export type TFlagRow = TFlag & { cells: TFlagCell[]; differs: boolean };

export type TFlagsView = { release: string; flags: TFlagRow[]; readAt: string };

type TPlace = { environment: string; cluster: string; context: string; namespace: string };

async function readPlace(
  release: string,
  place: TPlace,
  s: ReturnType<typeof strategyFor>,
): Promise<{
  helmRelease: string | null;
  colour: string | null;
  values: Record<string, unknown> | null;
  error: string | null;
}> {
  const kube = kubeClients(place.context);
  try {
    let helmRelease = release;
    let colour: string | null = null;
    if (s.type === 'blueGreen') {
      const state = await readBlueGreenState(kube, place.namespace, release, s);
      if (!state.live)
        return { helmRelease: null, colour: null, values: null, error: 'no colour is live' };
      colour = state.live;
      helmRelease = colourRelease(release, colour);
    }
    const build = await releaseBuild(kube, place.namespace, helmRelease);
    // The computed values, as helm renders them: the chart's defaults under the supplied ones.
    const values = build ? mergeValues(build.chartValues, build.values) : null;
    return { helmRelease, colour, values, error: null };
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    return { helmRelease: null, colour: null, values: null, error: e.message };
  }
}

export class FlagsNotFoundError extends Error {}

export async function getFlagsView(user: TPolicyUser, release: string): Promise<TFlagsView> {
  const { config } = operationsRuntime();
  const configured = findRelease(config, release);
  if (!configured || configured.flags.length === 0)
    throw new FlagsNotFoundError(`${release} has no feature flags in helmdeck.yaml`);
  const places: TPlace[] = configured.promotion.flatMap((name) => {
    const env = findEnvironment(config, name);
    return (env?.clusters ?? [])
      .filter(
        (c) =>
          decide({ user, action: 'view', target: { environment: name, cluster: c.name, release } })
            .allow,
      )
      .map((c) => ({
        environment: name,
        cluster: c.name,
        context: c.context,
        namespace: env!.namespace,
      }));
  });
  const prisma = await getPrisma();
  const [read, kept] = await Promise.all([
    Promise.all(
      places.map((p) => readPlace(release, p, strategyFor(configured, p.environment, p.cluster))),
    ),
    prisma.flagValue.findMany({ where: { release } }),
  ]);
  const flags = configured.flags.map((flag): TFlagRow => {
    const cells = places.map((p, i): TFlagCell => {
      const r = read[i]!;
      // A flag path could point into a secret-looking key: redact like every other value shown.
      const live = r.values
        ? valueAt(redactValues(r.values) as Record<string, unknown>, flag.path)
        : undefined;
      const k = kept.find(
        (x) => x.environment === p.environment && x.cluster === p.cluster && x.flag === flag.name,
      );
      return {
        environment: p.environment,
        cluster: p.cluster,
        helmRelease: r.helmRelease,
        colour: r.colour,
        installed: r.values !== null,
        live,
        kept: k?.value ?? undefined,
        canSet: decide({
          user,
          action: 'flag_set',
          target: { environment: p.environment, cluster: p.cluster, release },
        }).allow,
        error: r.error,
      };
    });
    const shown = new Set(
      cells.filter((c) => c.installed).map((c) => JSON.stringify(c.live ?? null)),
    );
    return { ...flag, cells, differs: shown.size > 1 };
  });
  return { release, flags, readAt: new Date().toISOString() };
}
