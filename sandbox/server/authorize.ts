// What a request asks to do, in RBAC's terms (verb, group, resource,
// subresource, namespace, name, or a non-resource path), and the check of
// it against the cluster's Roles and bindings.
import { forbidden } from '../auth/impersonation';
import type { TUser } from '../auth/identity';
import { authorize, type TAttributes, type TDecision, type TRbacSource } from '../auth/rbac';
import type { Store } from '../store';
import type { TCluster, TTarget } from './context';
import { queryFlag } from './http';

const RBAC = 'rbac.authorization.k8s.io';

export function rbacSource(store: Store): TRbacSource {
  return {
    clusterRoleBindings: () => store.listReadonly(`clusterrolebindings.${RBAC}`),
    roleBindings: (namespace) => store.listReadonly(`rolebindings.${RBAC}`, namespace),
    clusterRole: (name) =>
      store.listReadonly(`clusterroles.${RBAC}`, undefined, (r) => r.metadata.name === name)[0],
    role: (namespace, name) =>
      store.listReadonly(`roles.${RBAC}`, namespace, (r) => r.metadata.name === name)[0],
  };
}

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** The name a list or watch is narrowed to by `fieldSelector=metadata.name=x` (authorised like a get of x). */
function selectedName(query: URLSearchParams): string | undefined {
  for (const term of (query.get('fieldSelector') ?? '').split(',')) {
    const m = /^\s*metadata\.name\s*==?\s*(.+?)\s*$/.exec(term);
    if (m) return m[1];
  }
  return undefined;
}

export function resourceAttributes(
  target: TTarget,
  method: string,
  query: URLSearchParams,
  watchPath: boolean,
): TAttributes {
  const { info } = target;
  let verb: string;
  let name = target.name;
  if (method === 'GET' || method === 'HEAD') {
    if (target.subresource) verb = 'get';
    else if (watchPath || queryFlag(query.get('watch'))) verb = 'watch';
    else verb = name ? 'get' : 'list';
    if ((verb === 'list' || verb === 'watch') && !name) name = selectedName(query);
  } else {
    verb = METHOD_VERBS[method] ?? method.toLowerCase();
    if (verb === 'delete' && !name) verb = 'deletecollection';
  }
  // A namespace's own name is also the namespace of the request, so a RoleBinding there covers it.
  const namespace =
    info.plural === 'namespaces' && !info.group
      ? (target.name ?? target.namespace)
      : target.namespace;
  return {
    resourceRequest: true,
    verb,
    apiGroup: info.group,
    apiVersion: info.version,
    resource: info.plural,
    ...(target.subresource ? { subresource: target.subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

/** Non-resource requests are authorised by the lower-cased HTTP method, as the API server does. */
export function nonResourceAttributes(method: string, path: string): TAttributes {
  return { resourceRequest: false, verb: method.toLowerCase(), path };
}

export function decide(cluster: TCluster, user: TUser, attrs: TAttributes): TDecision {
  return authorize(rbacSource(cluster.store), user, attrs);
}

/** Throws the API server's 403 unless RBAC allows `user` what `attrs` describes. */
export function requireAllowed(cluster: TCluster, user: TUser, attrs: TAttributes): void {
  const decision = decide(cluster, user, attrs);
  if (!decision.allowed) throw forbidden(user, attrs, decision.reason);
}
