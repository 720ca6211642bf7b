// The review resources that are asked, never stored: SelfSubjectAccessReview
// (`kubectl auth can-i`), SubjectAccessReview, LocalSubjectAccessReview and
// SelfSubjectReview (`kubectl auth whoami`). Answered from the same RBAC
// check every request goes through.
import type { TUser } from '../auth/identity';
import type { TAttributes } from '../auth/rbac';
import type { KObject } from '../store';
import { decide } from './authorize';
import type { TCluster, TTarget } from './context';
import { errors } from './status';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function attributesOf(spec: Obj, namespaceOverride?: string): TAttributes {
  const res = asObj(spec.resourceAttributes);
  const nonRes = asObj(spec.nonResourceAttributes);
  if (spec.resourceAttributes) {
    return {
      resourceRequest: true,
      verb: str(res.verb),
      apiGroup: str(res.group),
      apiVersion: str(res.version),
      resource: str(res.resource),
      ...(str(res.subresource) ? { subresource: str(res.subresource) } : {}),
      ...((namespaceOverride ?? str(res.namespace))
        ? { namespace: namespaceOverride ?? str(res.namespace) }
        : {}),
      ...(str(res.name) ? { name: str(res.name) } : {}),
    };
  }
  if (spec.nonResourceAttributes)
    return { resourceRequest: false, verb: str(nonRes.verb), path: str(nonRes.path) };
  throw errors.invalid({ kind: 'SubjectAccessReview', group: 'authorization.k8s.io' }, '', [
    {
      field: 'spec.resourceAttributes',
      message:
        'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      reason: 'FieldValueRequired',
    },
  ]);
}

// Reviews are never stored: no uid, no resourceVersion, a null creation time.
const reviewMeta = (input: KObject) =>
  ({ ...input.metadata, creationTimestamp: null }) as unknown as KObject['metadata'];

function reviewed(input: KObject, spec: Obj, allowed: boolean, reason?: string): KObject {
  return {
    apiVersion: input.apiVersion,
    kind: input.kind,
    metadata: reviewMeta(input),
    spec,
    status: { allowed, ...(reason ? { reason } : {}) },
  };
}

const REVIEWS: Record<
  string,
  (cluster: TCluster, user: TUser, input: KObject, target: TTarget) => KObject
> = {
  'selfsubjectaccessreviews.authorization.k8s.io': (cluster, user, input) => {
    const spec = asObj(input.spec);
    const decision = decide(cluster, user, attributesOf(spec));
    return reviewed(input, spec, decision.allowed, decision.reason);
  },
  'subjectaccessreviews.authorization.k8s.io': (cluster, _user, input) => {
    const spec = asObj(input.spec);
    return review(cluster, input, spec);
  },
  'localsubjectaccessreviews.authorization.k8s.io': (cluster, _user, input, target) => {
    const spec = asObj(input.spec);
    return review(cluster, input, spec, target.namespace);
  },
  'selfsubjectreviews.authentication.k8s.io': (_cluster, user, input) => ({
    apiVersion: input.apiVersion,
    kind: input.kind,
    metadata: reviewMeta(input),
    status: {
      userInfo: {
        username: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: user.groups,
        ...(user.extra ? { extra: user.extra } : {}),
      },
    },
  }),
};

function review(cluster: TCluster, input: KObject, spec: Obj, namespace?: string): KObject {
  const name = str(spec.user);
  const groups = Array.isArray(spec.groups) ? spec.groups.map(String) : [];
  // Asked as given: no implied groups, as the API server answers a SubjectAccessReview.
  const subject: TUser = { name, groups };
  const decision = decide(cluster, subject, attributesOf(spec, namespace));
  return reviewed(input, spec, decision.allowed, decision.reason);
}

export function isReview(target: TTarget): boolean {
  return Object.hasOwn(REVIEWS, target.key);
}

/** Answers a review; the caller has already been authorised to create it. */
export function answerReview(
  cluster: TCluster,
  user: TUser,
  target: TTarget,
  input: KObject,
): KObject {
  return REVIEWS[target.key]!(cluster, user, input, target);
}
