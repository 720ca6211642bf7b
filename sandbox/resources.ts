// The built-in resource kinds the sandbox serves: what discovery lists and
// what the router accepts. Custom resources join at run time from CRDs
// (server/registry.ts).

export interface TResourceInfo {
  group: string; // '' for the core group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresources served under `<plural>/<name>/<sub>`. */
  subresources?: string[];
  /** Strategic merge patch is refused for custom resources, as a real server does. */
  custom?: boolean;
  /** For custom resources with a scale subresource. */
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  printerColumns?: Array<{
    name: string;
    type: string;
    jsonPath: string;
    priority?: number;
    description?: string;
  }>;
}

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

type Row = [
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames?: string[],
  subresources?: string[],
  verbs?: string[],
];

function build(
  group: string,
  version: string,
  rows: Row[],
  categories: Record<string, string[]> = {},
): TResourceInfo[] {
  return rows.map(([plural, kind, namespaced, shortNames, subresources, verbs]) => ({
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    ...(shortNames?.length ? { shortNames } : {}),
    ...(categories[plural] ? { categories: categories[plural] } : {}),
    verbs: verbs ?? ALL_VERBS,
    ...(subresources?.length ? { subresources } : {}),
  }));
}

const ALL = ['all'];

export const BUILTIN_RESOURCES: TResourceInfo[] = [
  ...build(
    '',
    'v1',
    [
      [
        'namespaces',
        'Namespace',
        false,
        ['ns'],
        ['status', 'finalize'],
        ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      ],
      ['pods', 'Pod', true, ['po'], ['status', 'log', 'proxy']],
      [
        'services',
        'Service',
        true,
        ['svc'],
        ['status', 'proxy'],
        ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      ],
      ['endpoints', 'Endpoints', true, ['ep']],
      ['configmaps', 'ConfigMap', true, ['cm']],
      ['secrets', 'Secret', true],
      ['serviceaccounts', 'ServiceAccount', true, ['sa']],
      ['events', 'Event', true, ['ev']],
      ['resourcequotas', 'ResourceQuota', true, ['quota'], ['status']],
      ['limitranges', 'LimitRange', true, ['limits']],
      ['persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], ['status']],
      ['persistentvolumes', 'PersistentVolume', false, ['pv'], ['status']],
      ['nodes', 'Node', false, ['no'], ['status']],
      ['replicationcontrollers', 'ReplicationController', true, ['rc'], ['status', 'scale']],
    ],
    { pods: ALL, services: ALL, replicationcontrollers: ALL },
  ),
  ...build(
    'apps',
    'v1',
    [
      ['deployments', 'Deployment', true, ['deploy'], ['status', 'scale']],
      ['replicasets', 'ReplicaSet', true, ['rs'], ['status', 'scale']],
      ['statefulsets', 'StatefulSet', true, ['sts'], ['status', 'scale']],
      ['daemonsets', 'DaemonSet', true, ['ds'], ['status']],
      ['controllerrevisions', 'ControllerRevision', true],
    ],
    { deployments: ALL, replicasets: ALL, statefulsets: ALL, daemonsets: ALL },
  ),
  ...build(
    'batch',
    'v1',
    [
      ['jobs', 'Job', true, [], ['status']],
      ['cronjobs', 'CronJob', true, ['cj'], ['status']],
    ],
    { jobs: ALL, cronjobs: ALL },
  ),
  ...build('networking.k8s.io', 'v1', [
    ['ingresses', 'Ingress', true, ['ing'], ['status']],
    ['networkpolicies', 'NetworkPolicy', true, ['netpol']],
    ['ingressclasses', 'IngressClass', false],
  ]),
  ...build('policy', 'v1', [
    ['poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], ['status']],
  ]),
  ...build(
    'autoscaling',
    'v2',
    [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ['status']]],
    {
      horizontalpodautoscalers: ALL,
    },
  ),
  ...build('rbac.authorization.k8s.io', 'v1', [
    ['roles', 'Role', true],
    ['rolebindings', 'RoleBinding', true],
    ['clusterroles', 'ClusterRole', false],
    ['clusterrolebindings', 'ClusterRoleBinding', false],
  ]),
  ...build('authorization.k8s.io', 'v1', [
    ['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, [], [], ['create']],
    ['subjectaccessreviews', 'SubjectAccessReview', false, [], [], ['create']],
    ['localsubjectaccessreviews', 'LocalSubjectAccessReview', true, [], [], ['create']],
  ]),
  ...build('authentication.k8s.io', 'v1', [
    ['selfsubjectreviews', 'SelfSubjectReview', false, [], [], ['create']],
  ]),
  // What common public charts (ingress-nginx, cert-manager, metrics-server...) install besides workloads.
  // Admission webhooks and policies are stored and listed, never called.
  ...build('admissionregistration.k8s.io', 'v1', [
    ['validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false],
    ['mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false],
    ['validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, [], ['status']],
    ['validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false],
  ]),
  ...build('scheduling.k8s.io', 'v1', [['priorityclasses', 'PriorityClass', false, ['pc']]]),
  ...build('apiregistration.k8s.io', 'v1', [['apiservices', 'APIService', false, [], ['status']]]),
  ...build('node.k8s.io', 'v1', [['runtimeclasses', 'RuntimeClass', false]]),
  ...build('discovery.k8s.io', 'v1', [['endpointslices', 'EndpointSlice', true]]),
  ...build('storage.k8s.io', 'v1', [['storageclasses', 'StorageClass', false, ['sc']]]),
  ...build('coordination.k8s.io', 'v1', [['leases', 'Lease', true]]),
  ...build('apiextensions.k8s.io', 'v1', [
    ['customresourcedefinitions', 'CustomResourceDefinition', false, ['crd', 'crds'], ['status']],
  ]),
];

/** Store key of a resource: `plural` for core, `plural.group` otherwise. */
export function resourceKey(info: { group: string; plural: string }): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export function apiVersionOf(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}
