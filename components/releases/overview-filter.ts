// What the overview shows after search and filters: the columns of the
// chosen environment and the rows that match, from the matrix as held.
import type { TMatrixCell, TMatrixRow } from '@/lib/release-view';

export type TOverviewFilter = {
  /** Part of a release name, any case. */
  search: string;
  /** One environment's columns, or '' for all. */
  environment: string;
  health: 'any' | 'unhealthy' | 'healthy';
  /** `drifted`: versions differ between places; `live`: live objects differ from their chart. */
  drift: 'any' | 'drifted' | 'live';
  /** `outside`: rows where a shown cell's revision was made by no Helmdeck operation. */
  origin: 'any' | 'outside';
};

export const NO_FILTER: TOverviewFilter = {
  search: '',
  environment: '',
  health: 'any',
  drift: 'any',
  origin: 'any',
};

type TColumn = { environment: string; cluster: string };

/** A cell that needs attention: a failing cluster, a helm status other than deployed, or workloads not healthy. */
export function unhealthy(cell: TMatrixCell): boolean {
  if (cell.state === 'error') return true;
  const r = cell.release;
  if (!r) return false;
  if (r.status !== 'deployed') return true;
  return !!r.health && r.health.health !== 'healthy';
}

function involves(d: TMatrixRow['drift'][number], env: string): boolean {
  if (d.kind === 'ahead') return d.ahead.environment === env || d.behind.environment === env;
  if (d.kind === 'differs') return d.left.environment === env || d.right.environment === env;
  return d.environment === env;
}

/** The columns and rows to show; cells of each row keep only the columns shown. */
export function filterOverview(
  columns: TColumn[],
  rows: TMatrixRow[],
  f: TOverviewFilter,
): { columns: TColumn[]; rows: TMatrixRow[] } {
  const keep = columns.map((c) => !f.environment || c.environment === f.environment);
  const needle = f.search.trim().toLowerCase();
  const out: TMatrixRow[] = [];
  for (const row of rows) {
    if (needle && !row.release.toLowerCase().includes(needle)) continue;
    const cells = row.cells.filter((_, i) => keep[i]);
    const drift = f.environment ? row.drift.filter((d) => involves(d, f.environment)) : row.drift;
    const present = cells.filter((c) => c.state !== 'missing');
    if (f.environment && present.length === 0 && row.unlisted) continue;
    if (f.health === 'unhealthy' && !present.some(unhealthy)) continue;
    if (f.health === 'healthy' && (present.length === 0 || present.some(unhealthy))) continue;
    if (f.drift === 'drifted' && drift.length === 0) continue;
    if (f.drift === 'live' && !present.some((c) => (c.release?.liveDrift ?? 0) > 0)) continue;
    if (f.origin === 'outside' && !present.some((c) => c.release?.origin?.by === 'outside'))
      continue;
    out.push(cells.length === row.cells.length ? row : { ...row, cells, drift });
  }
  return { columns: columns.filter((_, i) => keep[i]), rows: out };
}
