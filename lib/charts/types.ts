// What a chart source resolves to: the exact archive Helmdeck deploys, named
// by its SHA-256, so a promotion carries the same bytes from stage to stage.

export type TChartSourceKind = 'local' | 'repo' | 'oci';

export type TResolvedChart = {
  source: TChartSourceKind;
  /** The reference as configured: ./charts/x, repo/name or oci://host/path/name. */
  ref: string;
  name: string;
  version: string;
  /** "sha256:<hex>" of the archive (.tgz) that is deployed. */
  digest: string;
  /** OCI only: the registry's manifest digest for this version. */
  manifestDigest?: string;
  /** Path of the cached archive; give it to helm as the chart. */
  archive: string;
};

/** A chart could not be resolved; the message names the source and the rule. */
export class ChartSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartSourceError';
  }
}
