// What the blue/green kinds share: the strategy of the place (refused
// unless it is blueGreen), a colour param, the router read from the cluster
// at check time, and failures of the strategy calls turned into outcomes.
import { z } from 'zod';
import { findRelease, strategyFor, type TBlueGreenStrategy } from '@/lib/config';
import { DNS_LABEL } from '@/lib/config/primitives';
import {
  colourRelease,
  readBlueGreenState,
  StrategyError,
  type TBlueGreenState,
} from '@/lib/strategies';
import { OperationInputError } from '../errors';
import type { TOutcome } from '../finish-operation';
import { kubeClients, operationsRuntime } from '../runtime';
import type { TKindInput } from './kind';

export const ZColour = z.string().max(63).regex(DNS_LABEL, 'a colour name such as blue or green');

type TPlaceInput = Pick<TKindInput<unknown>, 'configured' | 'environment' | 'cluster' | 'release'>;

/** The place's blue/green strategy, if it has one (plans use it for values). */
export function blueGreenIfAny(input: TPlaceInput): TBlueGreenStrategy | undefined {
  const s = strategyFor(input.configured, input.environment.name, input.cluster.name);
  return s.type === 'blueGreen' ? s : undefined;
}

/**
 * The place's blue/green strategy, or a refusal naming the strategy it has.
 * Checked after policy, so a user without the role hears only that.
 */
export function requireBlueGreen(input: TPlaceInput, ...colours: string[]): TBlueGreenStrategy {
  const s = strategyFor(input.configured, input.environment.name, input.cluster.name);
  if (s.type !== 'blueGreen')
    throw new OperationInputError([
      `release: ${input.release} is not blue/green in ${input.environment.name}/${input.cluster.name} (its strategy there is ${s.type})`,
    ]);
  const unknown = colours.filter((c) => !s.colours.includes(c));
  if (unknown.length > 0)
    throw new OperationInputError(
      unknown.map(
        (c) => `params: "${c}" is not a colour of ${input.release} (${s.colours.join(', ')})`,
      ),
    );
  return s;
}

/** The strategy of an operation's place, from the configuration it runs with now. */
export function blueGreenAt(op: { environment: string; cluster: string; release: string }) {
  const configured = findRelease(operationsRuntime().config, op.release);
  const s = configured && strategyFor(configured, op.environment, op.cluster);
  if (!s || s.type !== 'blueGreen')
    throw new StrategyError(
      `${op.release} is no longer blue/green in ${op.environment}/${op.cluster}`,
      'invalid',
    );
  return s;
}

/** The router and colours as the cluster has them now, for checks. */
export async function stateAtCheck(
  ctx: Pick<TKindInput<unknown>, 'environment' | 'cluster' | 'release'>,
  s: TBlueGreenStrategy,
): Promise<TBlueGreenState> {
  try {
    return await readBlueGreenState(
      kubeClients(ctx.cluster.context),
      ctx.environment.namespace,
      ctx.release,
      s,
    );
  } catch (e) {
    if (e instanceof StrategyError) throw new OperationInputError([e.message]);
    throw e;
  }
}

/** Refuses unless `colour` is the idle one (not the one traffic goes to). */
export function requireIdle(state: TBlueGreenState, colour: string, release: string): void {
  if (!state.router.exists)
    throw new OperationInputError([
      `router: ${state.router.kind} ${state.router.name} does not exist; create it first`,
    ]);
  if (state.live === colour)
    throw new OperationInputError([
      `params: ${colourRelease(release, colour)} is live (the router sends traffic to ${colour}); only the idle colour can be changed`,
    ]);
}

/** A strategy failure as a failed outcome (its message is meant for the user). */
export function strategyFailure(e: unknown): TOutcome {
  if (e instanceof StrategyError) return { state: 'failed', error: e.message };
  throw e;
}
