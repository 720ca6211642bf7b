// What the handlers of one cluster share, and what one request targets.
import type { Store } from '../store';
import type { RequestMeter } from '../traffic/meter';
import type { TResourceInfo } from '../resources';
import { resourceKey } from '../resources';
import type { DiscoveryCache } from './discovery';
import type { ResourceRegistry } from './registry';

export interface TCluster {
  name: string;
  store: Store;
  registry: ResourceRegistry;
  discovery: DiscoveryCache;
  /** The pods' request metrics. */
  requests: RequestMeter;
  /** Open watch streams, closed on stop. */
  closers: Set<() => void>;
}

export interface TTarget {
  info: TResourceInfo;
  key: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Path after `proxy/`. */
  subpath?: string;
}

export interface TWriteOptions {
  manager: string;
  dryRun: boolean;
}

export function targetOf(
  info: TResourceInfo,
  namespace?: string,
  name?: string,
  subresource?: string,
  subpath?: string,
): TTarget {
  return { info, key: resourceKey(info), namespace, name, subresource, subpath };
}
