// Blue/green delivery: deploy the build to the idle colour, test it through
// the services proxy, switch the router to it; the step then verifies and
// watches that colour's release. Restoring is a switch back to the colour
// that was live, when the switch happened (before it, no traffic moved).
import { strategyFor } from '@/lib/config';
import { colourRelease, otherColour, readBlueGreenState } from '@/lib/strategies';
import { buildLabel, buildParams, stepRef } from './build-params';
import type { TDeliveryHistory, TDeliveryStrategy, TDeliveryTarget } from './types';

function blueGreenOf(target: TDeliveryTarget) {
  const s = strategyFor(target.release, target.environment.name, target.cluster.name);
  return s.type === 'blueGreen' ? s : null;
}

const succeeded = (history: TDeliveryHistory, kind: string) =>
  history.find((h) => h.action.kind === kind && h.state === 'succeeded');

export const blueGreen: TDeliveryStrategy = {
  name: 'blueGreen',
  async next(target, history, { kube }) {
    const s = blueGreenOf(target);
    const name = target.release.name;
    if (!s) return { failed: `${name} is not blue/green in ${target.environment.name}` };
    const last = history.at(-1);
    if (last && last.state !== 'succeeded')
      return { failed: `${last.action.kind} (operation #${last.operationId}) ${last.state}` };
    const deployed = succeeded(history, 'deploy_idle');
    if (!deployed) {
      const state = await readBlueGreenState(kube, target.environment.namespace, name, s);
      const colour = state.idle ?? s.colours[0]!;
      return {
        next: {
          kind: 'deploy_idle',
          release: name,
          label: `deploy ${buildLabel(target)} to the idle colour ${colour}`,
          params: { colour, ...buildParams(target) },
        },
      };
    }
    const colour = String(deployed.action.params.colour);
    if (!succeeded(history, 'test_idle'))
      return {
        next: {
          kind: 'test_idle',
          release: name,
          label: `test ${colour}`,
          params: { colour, ...stepRef(target) },
        },
      };
    if (!succeeded(history, 'switch_traffic')) {
      const { version, imageTag } = buildParams(target);
      return {
        next: {
          kind: 'switch_traffic',
          release: name,
          label: `switch traffic to ${colour}`,
          params: { to: colour, version, imageTag, ...stepRef(target) },
        },
      };
    }
    return {
      done: true,
      watch: { helmRelease: colourRelease(name, colour), revision: deployed.revisionAfter },
    };
  },
  restore(target, history) {
    const s = blueGreenOf(target);
    const switched = succeeded(history, 'switch_traffic');
    if (!s || !switched) return null;
    const to = otherColour(s, String(switched.action.params.to));
    return {
      kind: 'switch_back',
      release: target.release.name,
      label: `switch back to ${to}`,
      params: { to, ...stepRef(target) },
    };
  },
};
