// Which resources one cluster serves: the built-ins plus whatever its
// CustomResourceDefinitions define. `version` moves on every CRD change so
// discovery bodies can be cached until then.
import type { KObject, Store } from '../store';
import { ALL_VERBS, BUILTIN_RESOURCES, resourceKey, type TResourceInfo } from '../resources';

export const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';

interface TCrdVersion {
  name?: string;
  served?: boolean;
  subresources?: {
    status?: unknown;
    scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: TResourceInfo['printerColumns'];
}

/** The resources a CRD object makes served (one per served version). */
export function resourcesOfCrd(crd: KObject): TResourceInfo[] {
  const spec = (crd.spec ?? {}) as {
    group?: string;
    scope?: string;
    names?: {
      plural?: string;
      singular?: string;
      kind?: string;
      shortNames?: string[];
      categories?: string[];
    };
    versions?: TCrdVersion[];
  };
  const names = spec.names ?? {};
  if (!spec.group || !names.plural || !names.kind) return [];
  return (spec.versions ?? [])
    .filter((v) => v.served !== false && v.name)
    .map((v) => {
      const subresources: string[] = [];
      if (v.subresources?.status) subresources.push('status');
      if (v.subresources?.scale) subresources.push('scale');
      const scale = v.subresources?.scale;
      return {
        group: spec.group!,
        version: v.name!,
        kind: names.kind!,
        plural: names.plural!,
        singular: names.singular || names.kind!.toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
        ...(names.categories?.length ? { categories: names.categories } : {}),
        verbs: ALL_VERBS,
        ...(subresources.length ? { subresources } : {}),
        custom: true,
        ...(scale?.specReplicasPath && scale.statusReplicasPath
          ? {
              scale: {
                specReplicasPath: scale.specReplicasPath,
                statusReplicasPath: scale.statusReplicasPath,
                labelSelectorPath: scale.labelSelectorPath,
              },
            }
          : {}),
        ...(v.additionalPrinterColumns?.length
          ? { printerColumns: v.additionalPrinterColumns }
          : {}),
      } satisfies TResourceInfo;
    });
}

export interface TGroupInfo {
  name: string;
  versions: string[];
}

export class ResourceRegistry {
  private crdResources = new Map<string, TResourceInfo[]>();
  private index = new Map<string, TResourceInfo>();
  private groupList: TGroupInfo[] = [];
  private unsubscribe?: () => void;
  version = 0;

  constructor() {
    this.rebuild();
  }

  /** Loads the CRDs already in the store and follows CRD changes. */
  attach(store: Store): void {
    for (const crd of store.list(CRD_KEY))
      this.crdResources.set(crd.metadata.name, resourcesOfCrd(crd));
    this.rebuild();
    this.unsubscribe = store.subscribe((event) => {
      if (event.resource !== CRD_KEY) return;
      if (event.type === 'DELETED') this.crdResources.delete(event.object.metadata.name);
      else this.crdResources.set(event.object.metadata.name, resourcesOfCrd(event.object));
      this.rebuild();
    });
  }

  detach(): void {
    this.unsubscribe?.();
  }

  find(group: string, version: string, plural: string): TResourceInfo | undefined {
    return this.index.get(`${group}/${version}/${plural}`);
  }

  /** A resource of a group by kind, in any served version. */
  findKind(group: string, kind: string): TResourceInfo | undefined {
    for (const info of this.index.values())
      if (info.group === group && info.kind === kind) return info;
    return undefined;
  }

  groups(): TGroupInfo[] {
    return this.groupList;
  }

  resourcesOf(group: string, version: string): TResourceInfo[] {
    return [...this.index.values()].filter((r) => r.group === group && r.version === version);
  }

  all(): TResourceInfo[] {
    return [...this.index.values()];
  }

  private rebuild(): void {
    const all = [...BUILTIN_RESOURCES, ...[...this.crdResources.values()].flat()];
    this.index = new Map();
    for (const info of all) {
      const key = `${info.group}/${info.version}/${info.plural}`;
      // A CRD may not shadow a built-in resource.
      if (!this.index.has(key)) this.index.set(key, info);
    }
    const groups = new Map<string, string[]>();
    for (const info of this.index.values()) {
      if (!info.group) continue;
      const versions = groups.get(info.group) ?? [];
      if (!versions.includes(info.version)) versions.push(info.version);
      groups.set(info.group, versions);
    }
    // Newest-looking version first: the first one is the preferred version.
    this.groupList = [...groups].map(([name, versions]) => ({
      name,
      versions: versions.sort(compareVersions),
    }));
    this.version += 1;
  }
}

/** Kubernetes version priority: GA > beta > alpha, then higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const level = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [level, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a.localeCompare(b);
}

export { resourceKey };
