// RBAC authorisation as the API server's RBAC authorizer does it: a request
// is allowed when any rule of any role bound to the user (by name, group or
// service account) matches it. ClusterRoleBindings apply everywhere;
// RoleBindings only inside their namespace and never to cluster-scoped or
// non-resource requests. Aggregated ClusterRoles are not expanded.
import type { KObject } from '../store';
import type { TUser } from './identity';

export const MASTERS_GROUP = 'system:masters';

export type TAttributes =
  | {
      resourceRequest: true;
      verb: string;
      apiGroup: string;
      apiVersion: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { resourceRequest: false; verb: string; path: string };

export interface TPolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface TSubject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** What RBAC needs to read: the four kinds, from the cluster's store. */
export interface TRbacSource {
  clusterRoleBindings(): ReadonlyArray<Readonly<KObject>>;
  roleBindings(namespace: string): ReadonlyArray<Readonly<KObject>>;
  clusterRole(name: string): Readonly<KObject> | undefined;
  role(namespace: string, name: string): Readonly<KObject> | undefined;
}

export interface TDecision {
  allowed: boolean;
  /** Why nothing matched, when a binding pointed at a missing role (the real authorizer says so too). */
  reason?: string;
}

const has = (list: string[] | undefined, value: string) =>
  (list ?? []).some((v) => v === '*' || v === value);

function resourceMatches(rule: TPolicyRule, resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (subresource !== undefined && r === `*/${subresource}`),
  );
}

function urlMatches(rule: TPolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

export function ruleAllows(attrs: TAttributes, rule: TPolicyRule): boolean {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (!attrs.resourceRequest) return urlMatches(rule, attrs.path);
  if (!has(rule.apiGroups, attrs.apiGroup)) return false;
  if (!resourceMatches(rule, attrs.resource, attrs.subresource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (attrs.name !== undefined && names.includes(attrs.name));
}

export function subjectMatches(user: TUser, subject: TSubject, bindingNamespace = ''): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return subject.name !== undefined && user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return user.name === `system:serviceaccount:${ns}:${subject.name}`;
    }
    default:
      return false;
  }
}

function rulesOf(role: Readonly<KObject> | undefined): TPolicyRule[] {
  const rules = (role as { rules?: unknown } | undefined)?.rules;
  return Array.isArray(rules) ? (rules as TPolicyRule[]) : [];
}

function bindingParts(binding: Readonly<KObject>): {
  subjects: TSubject[];
  roleRef: { kind?: string; name?: string };
} {
  const b = binding as { subjects?: unknown; roleRef?: unknown };
  return {
    subjects: Array.isArray(b.subjects) ? (b.subjects as TSubject[]) : [],
    roleRef: (b.roleRef ?? {}) as { kind?: string; name?: string },
  };
}

export function authorize(source: TRbacSource, user: TUser, attrs: TAttributes): TDecision {
  if (user.groups.includes(MASTERS_GROUP)) return { allowed: true };
  const missing: string[] = [];
  const visit = (binding: Readonly<KObject>, namespace?: string): boolean => {
    const { subjects, roleRef } = bindingParts(binding);
    if (!subjects.some((s) => subjectMatches(user, s, namespace))) return false;
    const name = roleRef.name ?? '';
    const role =
      roleRef.kind === 'Role' && namespace !== undefined
        ? source.role(namespace, name)
        : roleRef.kind === 'ClusterRole'
          ? source.clusterRole(name)
          : undefined;
    if (!role) {
      missing.push(
        roleRef.kind === 'Role'
          ? `role.rbac.authorization.k8s.io "${name}" not found`
          : `clusterrole.rbac.authorization.k8s.io "${name}" not found`,
      );
      return false;
    }
    return rulesOf(role).some((rule) => ruleAllows(attrs, rule));
  };
  for (const binding of source.clusterRoleBindings()) if (visit(binding)) return { allowed: true };
  const namespace = attrs.resourceRequest ? attrs.namespace : undefined;
  if (namespace) {
    for (const binding of source.roleBindings(namespace))
      if (visit(binding, namespace)) return { allowed: true };
  }
  const unique = [...new Set(missing)];
  if (unique.length === 0) return { allowed: false };
  // Worded like Go's aggregate error: one error bare, several in brackets.
  const list = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  return { allowed: false, reason: `RBAC: ${list}` };
}

/** The API server's words for a refusal: `User "alice" cannot get resource "pods" in API group "" ...`. */
export function forbiddenMessage(user: TUser, attrs: TAttributes, reason?: string): string {
  let text: string;
  if (!attrs.resourceRequest) {
    text = `User "${user.name}" cannot ${attrs.verb} path "${attrs.path}"`;
  } else {
    const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
    const scope = attrs.namespace
      ? `in the namespace "${attrs.namespace}"`
      : 'at the cluster scope';
    text = `User "${user.name}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}" ${scope}`;
  }
  return reason ? `${text}: ${reason}` : text;
}
