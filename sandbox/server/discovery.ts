// Discovery documents, legacy (`/api`, `/apis`, `/apis/<g>/<v>`) and
// aggregated (apidiscovery.k8s.io v2, which cuts helm's discovery to two
// requests). Bodies are cached until the set of served resources changes.
import type { TResourceInfo } from '../resources';
import type { ResourceRegistry } from './registry';

const SUBRESOURCE: Record<
  string,
  { kind?: string; group?: string; version?: string; verbs: string[] }
> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  log: { verbs: ['get'] },
  proxy: { kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  finalize: { verbs: ['update'] },
};

function subresourceKind(
  info: TResourceInfo,
  sub: string,
): { group: string; version: string; kind: string } {
  const s = SUBRESOURCE[sub];
  return {
    group: s?.group ?? info.group,
    version: s?.version ?? info.version,
    kind: s?.kind ?? info.kind,
  };
}

export function apiVersions(): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  };
}

function apiGroupList(registry: ResourceRegistry): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map((g) => ({
      name: g.name,
      versions: g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${g.name}/${g.versions[0]}`, version: g.versions[0] },
    })),
  };
}

function apiResourceList(registry: ResourceRegistry, group: string, version: string): unknown {
  const resources: unknown[] = [];
  for (const r of registry.resourcesOf(group, version)) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresources ?? []) {
      const k = subresourceKind(r, sub);
      resources.push({
        name: `${r.plural}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(k.group !== r.group ? { group: k.group } : {}),
        ...(k.version !== r.version ? { version: k.version } : {}),
        kind: k.kind,
        verbs: SUBRESOURCE[sub]?.verbs ?? ['get'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function aggregatedVersion(registry: ResourceRegistry, group: string, version: string): unknown {
  return {
    version,
    resources: registry.resourcesOf(group, version).map((r) => ({
      resource: r.plural,
      responseKind: { group: r.group, version: r.version, kind: r.kind },
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: r.singular,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      ...(r.subresources
        ? {
            subresources: r.subresources.map((sub) => ({
              subresource: sub,
              responseKind: subresourceKind(r, sub),
              verbs: SUBRESOURCE[sub]?.verbs ?? ['get'],
            })),
          }
        : {}),
    })),
    freshness: 'Current',
  };
}

function aggregated(registry: ResourceRegistry, root: 'api' | 'apis', apiVersion: string): unknown {
  const items =
    root === 'api'
      ? [
          {
            metadata: { creationTimestamp: null },
            versions: [aggregatedVersion(registry, '', 'v1')],
          },
        ]
      : registry.groups().map((g) => ({
          metadata: { name: g.name, creationTimestamp: null },
          versions: g.versions.map((v) => aggregatedVersion(registry, g.name, v)),
        }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}

export type TDiscoveryFormat = 'plain' | 'v2' | 'v2beta1';

/** Picks the first discovery form the Accept header lists that we serve. */
export function discoveryFormat(accept: string | undefined): TDiscoveryFormat {
  for (const entry of (accept ?? '').split(',')) {
    const params = entry.split(';').map((p) => p.trim());
    if (params.includes('as=APIGroupDiscoveryList') && params.includes('g=apidiscovery.k8s.io')) {
      if (params.includes('v=v2')) return 'v2';
      if (params.includes('v=v2beta1')) return 'v2beta1';
      continue;
    }
    return 'plain';
  }
  return 'plain';
}

export function discoveryContentType(format: TDiscoveryFormat): string {
  return format === 'plain'
    ? 'application/json'
    : `application/json;g=apidiscovery.k8s.io;v=${format};as=APIGroupDiscoveryList`;
}

/** Serialized discovery bodies, rebuilt only when the registry changes. */
export class DiscoveryCache {
  private cache = new Map<string, string>();
  private seenVersion = -1;

  constructor(private readonly registry: ResourceRegistry) {}

  root(root: 'api' | 'apis', format: TDiscoveryFormat): string {
    return this.cached(`${root}:${format}`, () => {
      if (format !== 'plain')
        return aggregated(this.registry, root, `apidiscovery.k8s.io/${format}`);
      return root === 'api' ? apiVersions() : apiGroupList(this.registry);
    });
  }

  /** undefined when the group version is not served. */
  groupVersion(group: string, version: string): string | undefined {
    if (
      group &&
      !this.registry.groups().some((g) => g.name === group && g.versions.includes(version))
    )
      return undefined;
    if (!group && version !== 'v1') return undefined;
    return this.cached(`gv:${group}/${version}`, () =>
      apiResourceList(this.registry, group, version),
    );
  }

  /** `/apis/<group>`: one APIGroup. */
  group(name: string): string | undefined {
    const g = this.registry.groups().find((x) => x.name === name);
    if (!g) return undefined;
    return this.cached(`g:${name}`, () => ({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name,
      versions: g.versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${g.versions[0]}`, version: g.versions[0] },
    }));
  }

  private cached(key: string, build: () => unknown): string {
    if (this.seenVersion !== this.registry.version) {
      this.cache.clear();
      this.seenVersion = this.registry.version;
    }
    let body = this.cache.get(key);
    if (body === undefined) {
      body = JSON.stringify(build());
      this.cache.set(key, body);
    }
    return body;
  }
}
