// Release summaries from the labels helm puts on each revision's Secret,
// so a metadata-only LIST can answer "which releases and revisions exist".
import { ReleaseSecretError, type TSecretMetadata } from './release-secret';

export type TReleaseLabelSummary = {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  modifiedAt: Date | null;
  secretName: string;
  uid: string;
  resourceVersion: string;
};

/** What the labels alone tell about a revision: enough for a metadata-only LIST. */
export function releaseFromLabels(metadata: TSecretMetadata): TReleaseLabelSummary {
  const labels = metadata.labels ?? {};
  const what = metadata.name ?? 'object';
  if (labels.owner !== 'helm' || !labels.name) {
    throw new ReleaseSecretError('not-helm-secret', `${what} has no helm release labels`);
  }
  const revision = Number(labels.version);
  if (!Number.isInteger(revision) || revision < 1) {
    throw new ReleaseSecretError('bad-shape', `${what} has no valid version label`);
  }
  const seconds = Number(labels.modifiedAt);
  return {
    name: labels.name,
    namespace: metadata.namespace ?? '',
    revision,
    status: labels.status ?? 'unknown',
    // Secrets written by older helm versions lack modifiedAt; creation time is the next best thing.
    modifiedAt:
      labels.modifiedAt && Number.isFinite(seconds)
        ? new Date(seconds * 1000)
        : metadata.creationTimestamp
          ? new Date(metadata.creationTimestamp)
          : null,
    secretName: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
  };
}
