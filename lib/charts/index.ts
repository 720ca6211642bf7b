// Chart sources (local folder, HTTP Helm repository, OCI registry) resolved
// to one exactly identified archive: name, version and SHA-256 digest.
export { ChartCache, isDigest, sha256Digest } from './chart-cache';
export { readChartYaml } from './local-source';
export { listRepoVersions, type TRepoIndexEntry } from './repo-source';
export { chartCacheDir, resolveChart, type TResolveOptions } from './resolve-chart';
export { ChartSourceError, type TChartSourceKind, type TResolvedChart } from './types';
