// Where a release's chart comes from. Local paths must look like paths
// ("./", "../" or "/") so "charts/x" is never silently read as a repo.
import path from 'node:path';

export type TChartRef =
  | { kind: 'local'; ref: string; path: string }
  | { kind: 'repo'; ref: string; repository: string; name: string; version: string }
  | { kind: 'oci'; ref: string; version: string };

const REPO_REF = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9][-a-z0-9._]*)$/;
const OCI_REF = /^oci:\/\/[a-zA-Z0-9.-]+(:\d+)?(\/[a-z0-9][-a-z0-9._]*)+$/;

export type TChartKind = TChartRef['kind'] | 'invalid';

export function chartKind(ref: string): TChartKind {
  if (ref.startsWith('oci://')) return OCI_REF.test(ref) ? 'oci' : 'invalid';
  if (ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('/')) return 'local';
  return REPO_REF.test(ref) ? 'repo' : 'invalid';
}

/** Resolves a validated chart reference; local paths become absolute against baseDir. */
export function toChartRef(ref: string, version: string | undefined, baseDir: string): TChartRef {
  const kind = chartKind(ref);
  if (kind === 'local') return { kind, ref, path: path.resolve(baseDir, ref) };
  if (kind === 'oci') return { kind, ref, version: version ?? '' };
  const m = REPO_REF.exec(ref);
  if (kind === 'repo' && m)
    return { kind, ref, repository: m[1] ?? '', name: m[3] ?? '', version: version ?? '' };
  throw new Error(`invalid chart reference ${JSON.stringify(ref)}`);
}
