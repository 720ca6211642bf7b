// The sandbox as a library: start N clusters (one HTTPS API server, store
// and controller set each), write their kubeconfig, stop them again.
// Everything outside sandbox/ uses the sandbox through this file only.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserTokens, type TUserSpec } from './auth/identity';
import { DEFAULT_CLUSTER_ROLE_BINDINGS, DEFAULT_CLUSTER_ROLES } from './auth/rbac-defaults';
import { startControllers } from './controllers/index';
import { Faults, type TFault } from './faults';
import { buildKubeconfig, writeKubeconfig } from './kubeconfig';
import { Persistence } from './persistence';
import { RequestMeter } from './traffic/meter';
import { createClusterServer, type TClusterServer } from './server/server';
import { Store } from './store';
import { loadOrCreateTls } from './tls';

export type { TFault } from './faults';
export type { TUserSpec } from './auth/identity';
export {
  PROMETHEUS_MISSING,
  PrometheusNotInstalledError,
  prometheusBinary,
  startPrometheus,
  type TPrometheus,
  type TPrometheusOptions,
} from './prometheus';
export type { KObject } from './store';
export { Store } from './store';

export interface TSandboxOptions {
  clusters: string[];
  kubeconfigPath: string;
  /** First port; cluster i listens on firstPort + i. 0 or absent: ephemeral ports. */
  firstPort?: number;
  /** Keeps stores, TLS material, tokens and request counters here across restarts. */
  stateDir?: string;
  /** Background requests per second each Ingress host receives (default 50). */
  requestsPerHost?: number;
}

export interface TSandboxCluster {
  name: string;
  url: string;
  store: Store;
  token: string;
}

export interface TSandbox {
  kubeconfigPath: string;
  /** PEM of the CA that signed every cluster's serving certificate. */
  caCert: string;
  /** Bearer token of the admin endpoint `/sandbox/faults` (any cluster's URL), also in `<kubeconfig>.admin-token`. */
  adminToken: string;
  clusters: TSandboxCluster[];
  setFault(cluster: string, fault: TFault): void;
  /** Clears one cluster's faults, or all. */
  clearFaults(cluster?: string): void;
  /** Requests a cluster answered and the time it spent on them, watch streams excluded. */
  requestStats(cluster: string): { requests: number; busyMs: number };
  /**
   * A bearer token for another user (every cluster accepts it). Unlike the
   * cluster tokens (cluster admins), its requests are authorised with RBAC.
   */
  addUser(user: TUserSpec): string;
  /** Writes a kubeconfig like the sandbox's own whose users carry `token`; returns its absolute path. */
  writeKubeconfig(file: string, token: string): string;
  stop(): Promise<void>;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateClusterNames(names: string[]): void {
  if (names.length === 0) throw new Error('at least one cluster name is required');
  for (const name of names) {
    if (!CLUSTER_NAME.test(name) || name.length > 63)
      throw new Error(`invalid cluster name "${name}": use lower-case letters, digits and '-'`);
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`cluster "${dup}" is listed twice`);
}

const newToken = () => randomBytes(24).toString('base64url');

interface TAuth {
  adminToken: string;
  tokens: Record<string, string>;
  /** Tokens of users added with addUser, by token. */
  users?: Record<string, TUserSpec>;
}

function loadAuth(
  stateDir: string | undefined,
  clusters: string[],
): { auth: TAuth; save: () => void } {
  const file = stateDir ? path.join(stateDir, 'auth.json') : undefined;
  const auth: TAuth =
    file && existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as TAuth)
      : { adminToken: newToken(), tokens: {} };
  for (const c of clusters) auth.tokens[c] ??= newToken();
  auth.users ??= {};
  const save = () => {
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(auth, null, 2), { mode: 0o600 });
  };
  save();
  return { auth, save };
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function seedRbac(store: Store): void {
  for (const [resource, objects] of [
    ['clusterroles.rbac.authorization.k8s.io', DEFAULT_CLUSTER_ROLES],
    ['clusterrolebindings.rbac.authorization.k8s.io', DEFAULT_CLUSTER_ROLE_BINDINGS],
  ] as const) {
    for (const obj of objects)
      if (!store.get(resource, undefined, obj.metadata.name)) store.create(resource, obj);
  }
}

function seed(store: Store): void {
  seedRbac(store);
  for (const name of SYSTEM_NAMESPACES) {
    if (store.get('namespaces', undefined, name)) continue;
    store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  if (!store.get('services', 'default', 'kubernetes')) {
    store.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  }
}

export async function startSandbox(options: TSandboxOptions): Promise<TSandbox> {
  validateClusterNames(options.clusters);
  const firstPort = options.firstPort ?? 0;
  if (
    !Number.isInteger(firstPort) ||
    firstPort < 0 ||
    firstPort + options.clusters.length - 1 > 65535
  ) {
    throw new Error(`invalid first port ${firstPort}`);
  }
  const tls = loadOrCreateTls(options.stateDir);
  const { auth, save: saveAuth } = loadAuth(options.stateDir, options.clusters);
  const users = new UserTokens(auth.users!, saveAuth);
  const faults = new Faults();
  const running: Array<{
    server: TClusterServer;
    controllers: { stop(): void };
    persistence?: Persistence;
    requests: RequestMeter;
    info: TSandboxCluster;
  }> = [];

  const stopAll = async () => {
    for (const r of running) r.controllers.stop();
    await Promise.all(running.map((r) => r.server.close()));
    for (const r of running) r.persistence?.stop();
    for (const r of running) r.requests.stop();
  };

  try {
    for (const [i, name] of options.clusters.entries()) {
      const store = new Store();
      const persistence = options.stateDir
        ? new Persistence(options.stateDir, name, store)
        : undefined;
      persistence?.load();
      seed(store);
      const requests = new RequestMeter(store, {
        requestsPerHost: options.requestsPerHost ?? 50,
        file: options.stateDir && path.join(options.stateDir, 'clusters', `${name}.requests.json`),
      });
      const server = createClusterServer({
        name,
        store,
        tls,
        token: auth.tokens[name]!,
        users,
        adminToken: auth.adminToken,
        faults,
        clusterNames: options.clusters,
        requests,
      });
      const controllers = startControllers(store);
      const info: TSandboxCluster = { name, url: '', store, token: auth.tokens[name]! };
      running.push({ server, controllers, persistence, info, requests });
      persistence?.start();
      requests.start();
      const port = await server
        .listen(firstPort === 0 ? 0 : firstPort + i)
        .catch((e: NodeJS.ErrnoException) => {
          throw new Error(
            e.code === 'EADDRINUSE'
              ? `port ${firstPort + i} (cluster ${name}) is already in use`
              : e.message,
          );
        });
      info.url = `https://127.0.0.1:${port}`;
    }
  } catch (e) {
    await stopAll();
    throw e;
  }

  const clusters = running.map((r) => r.info);
  writeKubeconfig(options.kubeconfigPath, buildKubeconfig(clusters, tls.caCert));
  // Beside the kubeconfig, for tools and tests outside this process (faults, users).
  writeFileSync(`${options.kubeconfigPath}.admin-token`, `${auth.adminToken}\n`, { mode: 0o600 });
  chmodSync(`${options.kubeconfigPath}.admin-token`, 0o600);
  let stopped: Promise<void> | undefined;
  return {
    kubeconfigPath: path.resolve(options.kubeconfigPath),
    caCert: tls.caCert,
    adminToken: auth.adminToken,
    clusters,
    setFault(cluster, fault) {
      if (!options.clusters.includes(cluster)) throw new Error(`unknown cluster "${cluster}"`);
      faults.set(cluster, fault);
    },
    clearFaults(cluster) {
      faults.clear(cluster);
    },
    requestStats(cluster) {
      const found = running.find((r) => r.info.name === cluster);
      if (!found) throw new Error(`unknown cluster "${cluster}"`);
      return { ...found.server.stats };
    },
    addUser(user) {
      return users.add(user);
    },
    writeKubeconfig(file, token) {
      writeKubeconfig(
        file,
        buildKubeconfig(
          clusters.map((c) => ({ ...c, token })),
          tls.caCert,
        ),
      );
      return path.resolve(file);
    },
    stop() {
      stopped ??= stopAll();
      return stopped;
    },
  };
}
