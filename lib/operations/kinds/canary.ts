// What the canary kinds share: the strategy of the place (refused unless it
// is canary), the active canary row, and the canary's traffic and release
// removed (abort, and the end of a promote).
import { findRelease, strategyFor, type TCanaryStrategy } from '@/lib/config';
import { activeCanary, type TCanaryRow } from '@/lib/canary/store';
import { getPrisma } from '@/lib/db';
import { helmUninstall, helmHistory, type THelmTarget } from '@/lib/helm';
import type { TClusterClients } from '@/lib/kube';
import { canaryRelease, removeCanaryTraffic, StrategyError } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import { operationsRuntime } from '../runtime';
import type { TKindInput } from './kind';

type TPlaceInput = Pick<TKindInput<unknown>, 'configured' | 'environment' | 'cluster' | 'release'>;

/** The place's canary strategy, if it has one (plans use it for values). */
export function canaryIfAny(input: TPlaceInput): TCanaryStrategy | undefined {
  const s = strategyFor(input.configured, input.environment.name, input.cluster.name);
  return s.type === 'canary' ? s : undefined;
}

/** The place's canary strategy, or a refusal naming the strategy it has. Checked after policy. */
export function requireCanary(input: TPlaceInput): TCanaryStrategy {
  const s = strategyFor(input.configured, input.environment.name, input.cluster.name);
  if (s.type !== 'canary')
    throw new OperationInputError([
      `release: ${input.release} is not canary in ${input.environment.name}/${input.cluster.name} (its strategy there is ${s.type})`,
    ]);
  return s;
}

/** The strategy of an operation's place, from the configuration it runs with now. */
export function canaryAt(op: { environment: string; cluster: string; release: string }) {
  const configured = findRelease(operationsRuntime().config, op.release);
  const s = configured && strategyFor(configured, op.environment, op.cluster);
  if (!s || s.type !== 'canary')
    throw new StrategyError(
      `${op.release} is no longer canary in ${op.environment}/${op.cluster}`,
      'invalid',
    );
  return s;
}

export const placeOf = (x: {
  environment: string | { name: string };
  cluster: string | { name: string };
  release: string;
}) => ({
  environment: typeof x.environment === 'string' ? x.environment : x.environment.name,
  cluster: typeof x.cluster === 'string' ? x.cluster : x.cluster.name,
  release: x.release,
});

/** The running (or paused) canary of the place, or a refusal saying there is none. */
export async function requireActiveCanary(input: TPlaceInput): Promise<TCanaryRow> {
  const row = await activeCanary(await getPrisma(), placeOf(input));
  if (!row)
    throw new OperationInputError([
      `release: ${input.release} has no canary in progress in ${input.environment.name}/${input.cluster.name}; start one first`,
    ]);
  return row;
}

/** Takes every request away from the canary, then uninstalls its release. Safe to repeat. */
export async function removeCanary(
  kube: TClusterClients,
  helm: THelmTarget,
  namespace: string,
  release: string,
  s: TCanaryStrategy,
  options: { timeout: string; description: string; log(line: string): void },
): Promise<void> {
  await removeCanaryTraffic(kube, namespace, release, s);
  options.log(`canary Ingress removed: no traffic reaches ${canaryRelease(release)}`);
  const history = await helmHistory(helm, { release: canaryRelease(release), max: 1 }).catch(
    () => [],
  );
  const latest = history.at(-1);
  if (!latest || latest.status === 'uninstalled') return;
  await helmUninstall(helm, {
    release: canaryRelease(release),
    timeout: options.timeout,
    description: options.description,
    wait: 'watcher',
  });
  options.log(`${canaryRelease(release)} uninstalled`);
}
