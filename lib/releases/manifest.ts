// Splits a release's rendered manifest into Kubernetes objects keyed by
// kind/namespace/name, the unit the release page and the diffs work in.
import { parse } from 'yaml';

export type TManifestResource = {
  /** `kind/namespace/name`; cluster-scoped objects have an empty namespace. */
  key: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** Template path from helm's `# Source:` comment, when present. */
  source: string | null;
  object: Record<string, unknown>;
};

export type TManifestProblem = { source: string | null; index: number; message: string };

export type TSplitManifest = {
  resources: Map<string, TManifestResource>;
  problems: TManifestProblem[];
};

// Objects without a namespace; everything else lands in the release namespace.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function resourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

// Same separator helm's releaseutil.SplitManifests uses: a line holding `---`.
const DOC_SEPARATOR = /^---[ \t]*(?:#.*)?$/m;
const SOURCE_COMMENT = /^#\s*Source:\s*(.+?)\s*$/m;

/** Flattens a document into objects: a single object, a YAML sequence, or a `kind: *List`. */
function objectsOf(doc: unknown): unknown[] {
  if (doc === null || doc === undefined) return [];
  if (Array.isArray(doc)) return doc.flatMap(objectsOf);
  if (isRecord(doc) && str(doc.kind).endsWith('List') && Array.isArray(doc.items)) {
    return doc.items.flatMap(objectsOf);
  }
  return [doc];
}

/** Splits a rendered manifest; objects without a namespace get `defaultNamespace` unless cluster-scoped. */
export function splitManifest(manifest: string, defaultNamespace: string): TSplitManifest {
  const resources = new Map<string, TManifestResource>();
  const problems: TManifestProblem[] = [];
  const chunks = manifest.split(DOC_SEPARATOR);
  chunks.forEach((chunk, index) => {
    const source = SOURCE_COMMENT.exec(chunk)?.[1] ?? null;
    let doc: unknown;
    try {
      // YAML 1.1 matches what Kubernetes' own YAML reader accepts (yes/no, on/off).
      doc = parse(chunk, { version: '1.1', logLevel: 'error' });
    } catch (e) {
      problems.push({
        source,
        index,
        message: e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'bad YAML',
      });
      return;
    }
    for (const obj of objectsOf(doc)) {
      if (!isRecord(obj) || !str(obj.kind)) {
        problems.push({ source, index, message: 'document is not a Kubernetes object (no kind)' });
        continue;
      }
      const meta = isRecord(obj.metadata) ? obj.metadata : {};
      const kind = str(obj.kind);
      const name = str(meta.name) || str(meta.generateName);
      const namespace = isClusterScoped(kind) ? '' : str(meta.namespace) || defaultNamespace;
      let key = resourceKey(kind, namespace, name);
      // Duplicates are a chart bug, but both objects stay visible rather than one silently winning.
      for (let n = 2; resources.has(key); n++) key = `${resourceKey(kind, namespace, name)}#${n}`;
      resources.set(key, {
        key,
        apiVersion: str(obj.apiVersion),
        kind,
        namespace,
        name,
        source,
        object: obj,
      });
    }
  });
  return { resources, problems };
}

const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

function podSpecOf(
  resource: Pick<TManifestResource, 'kind' | 'object'>,
): Record<string, unknown> | null {
  const path = POD_TEMPLATE_PATHS[resource.kind];
  if (!path) return null;
  let node: unknown = resource.object;
  for (const step of path) node = isRecord(node) ? node[step] : undefined;
  const spec = isRecord(node) ? node.spec : undefined;
  return isRecord(spec) ? spec : null;
}

function imagesIn(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => (isRecord(c) && typeof c.image === 'string' ? [c.image] : []));
}

/** Container images of a workload object (init containers first), in manifest order. */
export function imagesOf(resource: Pick<TManifestResource, 'kind' | 'object'>): string[] {
  const spec = podSpecOf(resource);
  return spec ? [...imagesIn(spec.initContainers), ...imagesIn(spec.containers)] : [];
}

/** Images of the regular (not init) containers of a workload object. */
export function mainImagesOf(resource: Pick<TManifestResource, 'kind' | 'object'>): string[] {
  const spec = podSpecOf(resource);
  return spec ? imagesIn(spec.containers) : [];
}

/** The tag of an image reference (`repo:tag`, `repo@sha256:…` gives the digest), or null. */
export function imageTag(image: string): string | null {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : null;
}
