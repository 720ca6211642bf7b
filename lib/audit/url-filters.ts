// The audit page's filters as URL search parameters, shared by the page and the CSV export.
import { ZAuditFilters, type TAuditFilters } from './list-audit';

export const FILTER_KEYS = [
  'who',
  'action',
  'environment',
  'release',
  'outcome',
  'from',
  'to',
  'operationId',
] as const;

/** Filters from the query string; blank fields are ignored, bad ones reported by name. */
export function filtersFrom(params: Record<string, string | string[] | undefined>): {
  filters: TAuditFilters;
  problems: string[];
} {
  const raw: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s && s.trim() !== '') raw[k] = s.trim();
  }
  const parsed = ZAuditFilters.safeParse(raw);
  if (parsed.success) return { filters: raw as TAuditFilters, problems: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  return {
    filters: kept as TAuditFilters,
    problems: [...bad].map((k) => `"${k}" is not valid and was ignored`),
  };
}

export function queryOf(
  filters: Record<string, unknown>,
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra }))
    if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
