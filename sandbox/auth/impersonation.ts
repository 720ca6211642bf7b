// The Impersonate-* headers (kubectl --as/--as-group, helm --kube-as-user/
// --kube-as-group): the caller must be allowed the `impersonate` verb on each
// user (or service account), group, uid and extra it asks for; the request
// then runs as that identity.
import type { IncomingMessage } from 'node:http';
import { ApiError, errors } from '../server/status';
import { authenticatedGroups, serviceAccountOf, type TUser } from './identity';
import { forbiddenMessage, type TAttributes, type TDecision } from './rbac';

const EXTRA_PREFIX = 'impersonate-extra-';

type TCheck = (user: TUser, attrs: TAttributes) => TDecision;

function impersonateAttrs(
  resource: string,
  name: string,
  extra: { apiGroup?: string; namespace?: string; subresource?: string } = {},
): TAttributes {
  return {
    resourceRequest: true,
    verb: 'impersonate',
    apiGroup: extra.apiGroup ?? '',
    apiVersion: 'v1',
    resource,
    name,
    ...(extra.namespace ? { namespace: extra.namespace } : {}),
    ...(extra.subresource ? { subresource: extra.subresource } : {}),
  };
}

/** A 403 worded as the API server's for `attrs`: `users "alice" is forbidden: User "bob" cannot impersonate ...`. */
export function forbidden(user: TUser, attrs: TAttributes, reason?: string): ApiError {
  const text = forbiddenMessage(user, attrs, reason);
  if (!attrs.resourceRequest) return errors.forbidden(`forbidden: ${text}`);
  const qualified = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : attrs.resource;
  const message = attrs.name
    ? `${qualified} "${attrs.name}" is forbidden: ${text}`
    : `${qualified} is forbidden: ${text}`;
  return errors.forbidden(message, { plural: attrs.resource, group: attrs.apiGroup }, attrs.name);
}

function requested(req: IncomingMessage) {
  const all = req.headersDistinct;
  const one = (h: string) => all[h]?.[0];
  const extra: Record<string, string[]> = {};
  for (const [header, values] of Object.entries(all)) {
    if (!header.startsWith(EXTRA_PREFIX) || !values) continue;
    const key = decodeURIComponent(header.slice(EXTRA_PREFIX.length)).toLowerCase();
    extra[key] = [...(extra[key] ?? []), ...values];
  }
  return {
    user: one('impersonate-user'),
    uid: one('impersonate-uid'),
    groups: all['impersonate-group'] ?? [],
    extra,
  };
}

/**
 * The identity a request runs as: the caller's own, or the impersonated one
 * when the caller may impersonate it. Throws the API server's 400/403.
 */
export function effectiveUser(req: IncomingMessage, caller: TUser, check: TCheck): TUser {
  const asked = requested(req);
  const wantsMore =
    asked.groups.length > 0 || asked.uid !== undefined || Object.keys(asked.extra).length > 0;
  if (asked.user === undefined) {
    if (wantsMore)
      throw errors.badRequest('requested groups, uid or user-extra without impersonating a user');
    return caller;
  }
  const demand = (attrs: TAttributes) => {
    const decision = check(caller, attrs);
    if (!decision.allowed) throw forbidden(caller, attrs, decision.reason);
  };
  const sa = serviceAccountOf(asked.user);
  demand(
    sa
      ? impersonateAttrs('serviceaccounts', sa.name, { namespace: sa.namespace })
      : impersonateAttrs('users', asked.user),
  );
  for (const group of asked.groups) demand(impersonateAttrs('groups', group));
  for (const [key, values] of Object.entries(asked.extra))
    for (const value of values)
      demand(
        impersonateAttrs('userextras', value, {
          apiGroup: 'authentication.k8s.io',
          subresource: key,
        }),
      );
  if (asked.uid !== undefined)
    demand(impersonateAttrs('uids', asked.uid, { apiGroup: 'authentication.k8s.io' }));
  return {
    name: asked.user,
    ...(asked.uid !== undefined ? { uid: asked.uid } : {}),
    groups: authenticatedGroups(asked.user, asked.groups),
    ...(Object.keys(asked.extra).length ? { extra: asked.extra } : {}),
  };
}
