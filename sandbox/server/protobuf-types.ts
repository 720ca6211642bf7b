// Field numbers of the Kubernetes protobuf messages the sandbox decodes
// (from k8s.io/api generated.proto): what helm's release Secrets and
// kubectl's `create` generators send. Anything else gets a 415.

export type TType =
  | 'string'
  | 'bytes'
  | 'int32'
  | 'int64'
  | 'bool'
  | 'time'
  | 'intstr'
  | 'quantity'
  | TMessage
  | ['map', TType, TType];
export type TField = [name: string, type: TType, flag?: 'rep' | 'ptr'];
export interface TMessage {
  [num: number]: TField;
}

const map = (v: TType): ['map', TType, TType] => ['map', 'string', v];

const ownerReference: TMessage = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool', 'ptr'],
  7: ['blockOwnerDeletion', 'bool', 'ptr'],
};

const objectMeta: TMessage = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int64'],
  8: ['creationTimestamp', 'time'],
  9: ['deletionTimestamp', 'time'],
  10: ['deletionGracePeriodSeconds', 'int64', 'ptr'],
  11: ['labels', map('string')],
  12: ['annotations', map('string')],
  13: ['ownerReferences', ownerReference, 'rep'],
  14: ['finalizers', 'string', 'rep'],
};

const labelSelector: TMessage = {
  1: ['matchLabels', map('string')],
  2: [
    'matchExpressions',
    { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', 'rep'] },
    'rep',
  ],
};

const container: TMessage = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', 'string', 'rep'],
  4: ['args', 'string', 'rep'],
  5: ['workingDir', 'string'],
  6: [
    'ports',
    {
      1: ['name', 'string'],
      2: ['hostPort', 'int32'],
      3: ['containerPort', 'int32'],
      4: ['protocol', 'string'],
      5: ['hostIP', 'string'],
    },
    'rep',
  ],
  7: ['env', { 1: ['name', 'string'], 2: ['value', 'string'] }, 'rep'],
  8: ['resources', { 1: ['limits', map('quantity')], 2: ['requests', map('quantity')] }],
  13: ['terminationMessagePath', 'string'],
  14: ['imagePullPolicy', 'string'],
  20: ['terminationMessagePolicy', 'string'],
};

const podSpec: TMessage = {
  2: ['containers', container, 'rep'],
  3: ['restartPolicy', 'string'],
  4: ['terminationGracePeriodSeconds', 'int64', 'ptr'],
  5: ['activeDeadlineSeconds', 'int64', 'ptr'],
  6: ['dnsPolicy', 'string'],
  7: ['nodeSelector', map('string')],
  8: ['serviceAccountName', 'string'],
  10: ['nodeName', 'string'],
  15: ['imagePullSecrets', { 1: ['name', 'string'] }, 'rep'],
  16: ['hostname', 'string'],
  17: ['subdomain', 'string'],
  19: ['schedulerName', 'string'],
  20: ['initContainers', container, 'rep'],
  24: ['priorityClassName', 'string'],
};

const podTemplateSpec: TMessage = { 1: ['metadata', objectMeta], 2: ['spec', podSpec] };

const deploymentSpec: TMessage = {
  1: ['replicas', 'int32', 'ptr'],
  2: ['selector', labelSelector],
  3: ['template', podTemplateSpec],
  4: [
    'strategy',
    {
      1: ['type', 'string'],
      2: ['rollingUpdate', { 1: ['maxUnavailable', 'intstr'], 2: ['maxSurge', 'intstr'] }],
    },
  ],
  5: ['minReadySeconds', 'int32'],
  6: ['revisionHistoryLimit', 'int32', 'ptr'],
  7: ['paused', 'bool'],
  9: ['progressDeadlineSeconds', 'int32', 'ptr'],
};

const jobSpec: TMessage = {
  1: ['parallelism', 'int32', 'ptr'],
  2: ['completions', 'int32', 'ptr'],
  3: ['activeDeadlineSeconds', 'int64', 'ptr'],
  4: ['selector', labelSelector],
  5: ['manualSelector', 'bool', 'ptr'],
  6: ['template', podTemplateSpec],
  7: ['backoffLimit', 'int32', 'ptr'],
  8: ['ttlSecondsAfterFinished', 'int32', 'ptr'],
};

const servicePort: TMessage = {
  1: ['name', 'string'],
  2: ['protocol', 'string'],
  3: ['port', 'int32'],
  4: ['targetPort', 'intstr'],
  5: ['nodePort', 'int32'],
  6: ['appProtocol', 'string', 'ptr'],
};

const serviceSpec: TMessage = {
  1: ['ports', servicePort, 'rep'],
  2: ['selector', map('string')],
  3: ['clusterIP', 'string'],
  4: ['type', 'string'],
  5: ['externalIPs', 'string', 'rep'],
  7: ['sessionAffinity', 'string'],
  10: ['externalName', 'string'],
};

const policyRule: TMessage = {
  1: ['verbs', 'string', 'rep'],
  2: ['apiGroups', 'string', 'rep'],
  3: ['resources', 'string', 'rep'],
  4: ['resourceNames', 'string', 'rep'],
  5: ['nonResourceURLs', 'string', 'rep'],
};

const binding: TMessage = {
  1: ['metadata', objectMeta],
  2: [
    'subjects',
    {
      1: ['kind', 'string'],
      2: ['apiGroup', 'string'],
      3: ['name', 'string'],
      4: ['namespace', 'string'],
    },
    'rep',
  ],
  3: ['roleRef', { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] }],
};

const accessReviewSpec: TMessage = {
  1: [
    'resourceAttributes',
    {
      1: ['namespace', 'string'],
      2: ['verb', 'string'],
      3: ['group', 'string'],
      4: ['version', 'string'],
      5: ['resource', 'string'],
      6: ['subresource', 'string'],
      7: ['name', 'string'],
    },
  ],
  2: ['nonResourceAttributes', { 1: ['path', 'string'], 2: ['verb', 'string'] }],
  3: ['user', 'string'],
  4: ['groups', 'string', 'rep'],
  6: ['uid', 'string'],
};

/** Message descriptors by kind (status fields are not decoded: writes ignore status). */
export const KINDS: Record<string, TMessage> = {
  Secret: {
    1: ['metadata', objectMeta],
    2: ['data', map('bytes')],
    3: ['type', 'string'],
    4: ['stringData', map('string')],
    5: ['immutable', 'bool', 'ptr'],
  },
  ConfigMap: {
    1: ['metadata', objectMeta],
    2: ['data', map('string')],
    3: ['binaryData', map('bytes')],
    4: ['immutable', 'bool', 'ptr'],
  },
  Namespace: { 1: ['metadata', objectMeta], 2: ['spec', { 1: ['finalizers', 'string', 'rep'] }] },
  ServiceAccount: {
    1: ['metadata', objectMeta],
    3: ['imagePullSecrets', { 1: ['name', 'string'] }, 'rep'],
    4: ['automountServiceAccountToken', 'bool', 'ptr'],
  },
  Service: { 1: ['metadata', objectMeta], 2: ['spec', serviceSpec] },
  ResourceQuota: {
    1: ['metadata', objectMeta],
    2: ['spec', { 1: ['hard', map('quantity')], 2: ['scopes', 'string', 'rep'] }],
  },
  Deployment: { 1: ['metadata', objectMeta], 2: ['spec', deploymentSpec] },
  Job: { 1: ['metadata', objectMeta], 2: ['spec', jobSpec] },
  Role: { 1: ['metadata', objectMeta], 2: ['rules', policyRule, 'rep'] },
  ClusterRole: { 1: ['metadata', objectMeta], 2: ['rules', policyRule, 'rep'] },
  RoleBinding: binding,
  ClusterRoleBinding: binding,
  PodDisruptionBudget: {
    1: ['metadata', objectMeta],
    2: [
      'spec',
      {
        1: ['minAvailable', 'intstr', 'ptr'],
        2: ['selector', labelSelector],
        3: ['maxUnavailable', 'intstr', 'ptr'],
      },
    ],
  },
  // kubectl auth can-i / whoami.
  SelfSubjectAccessReview: { 1: ['metadata', objectMeta], 2: ['spec', accessReviewSpec] },
  SubjectAccessReview: { 1: ['metadata', objectMeta], 2: ['spec', accessReviewSpec] },
  LocalSubjectAccessReview: { 1: ['metadata', objectMeta], 2: ['spec', accessReviewSpec] },
  SelfSubjectReview: { 1: ['metadata', objectMeta] },
  DeleteOptions: {
    1: ['gracePeriodSeconds', 'int64', 'ptr'],
    2: ['preconditions', { 1: ['uid', 'string', 'ptr'], 2: ['resourceVersion', 'string', 'ptr'] }],
    3: ['orphanDependents', 'bool', 'ptr'],
    4: ['propagationPolicy', 'string', 'ptr'],
    5: ['dryRun', 'string', 'rep'],
  },
};
