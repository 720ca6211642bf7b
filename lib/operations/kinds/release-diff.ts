// Stored revisions of a release as helm wrote them, for previews: the live
// revision (or an empty one when nothing is installed) against a target.
import { decodeReleaseSecret, type THelmRelease } from '@/lib/releases/release-secret';
import type { TReleaseLocation } from '../release-state';
import { kubeClients } from '../runtime';

export async function storedRevision(
  loc: TReleaseLocation,
  revision: number,
): Promise<THelmRelease | null> {
  const { core } = kubeClients(loc.cluster.context);
  const list = await core.listNamespacedSecret({
    namespace: loc.environment.namespace,
    labelSelector: `owner=helm,name=${loc.release},version=${revision}`,
  });
  const secret = list.items[0];
  return secret ? decodeReleaseSecret(secret as Parameters<typeof decodeReleaseSecret>[0]) : null;
}

/** A release with nothing in it: what an install is compared against. */
export function notInstalled(loc: TReleaseLocation): THelmRelease {
  return {
    name: loc.release,
    namespace: loc.environment.namespace,
    revision: 0,
    info: {
      status: 'not installed',
      firstDeployed: null,
      lastDeployed: null,
      description: '',
      notes: '',
    },
    chart: { name: '', version: '', appVersion: null },
    config: {},
    chartValues: {},
    manifest: '',
    hooks: [],
    applyMethod: null,
  };
}
