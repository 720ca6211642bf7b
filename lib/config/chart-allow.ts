// Which chart an operation may deploy. Patterns match path segment by
// segment (`*` never crosses a `/`; `**` matches any number of segments),
// `..` is refused outright, and a local chart is followed through symlinks
// to its real directory, which must lie inside the folder its pattern names.
// Messages name the reference as the user wrote it, never a server path.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { chartKind } from './chart-ref';

const strip = (s: string) => (s.startsWith('./') ? s.slice(2) : s);

function segmentRegExp(segment: string): string {
  return segment
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
}

function patternRegExp(pattern: string): RegExp {
  let re = '';
  for (const [i, seg] of strip(pattern).split('/').entries()) {
    if (seg === '**') re += i === 0 ? '[^/]+(?:/[^/]+)*' : '(?:/[^/]+)*';
    else re += (i === 0 ? '' : '/') + segmentRegExp(seg);
  }
  return new RegExp(`^${re}$`);
}

/** Whether `ref` matches one of the allow-list patterns, segment by segment. */
export function matchesChartPattern(patterns: readonly string[], ref: string): boolean {
  return patterns.some((p) => patternRegExp(p).test(strip(ref)));
}

/** Whether `ref` would match `pattern` if `*` crossed `/` (to explain the refusal). */
function matchesAcrossSlash(pattern: string, ref: string): boolean {
  const re = strip(pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}$`).test(strip(ref));
}

/** The folder a local pattern allows: everything before its first wildcard segment. */
function allowedFolder(pattern: string): string {
  const segments = strip(pattern).split('/');
  const fixed = segments.slice(
    0,
    segments.findIndex((s) => s.includes('*')),
  );
  return fixed.length === 0 ? '.' : fixed.join('/');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realDir(p: string): string | null {
  try {
    const real = realpathSync(p);
    return statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

export type TChartPolicy = {
  /** helmdeck.yaml's allowedCharts; without it only the charts configured releases name. */
  allowedCharts?: readonly string[];
  /** Charts the configured releases name (always allowed when allowedCharts is unset). */
  configured: readonly string[];
  /** Folder local references are relative to (helmdeck.yaml's). */
  baseDir: string;
};

/** Why an operation may not use chart `ref`, as a message naming the rule; null when it may. */
export function chartRefusal(policy: TChartPolicy, ref: string): string | null {
  const kind = chartKind(ref);
  if (kind === 'invalid') return 'is not a chart reference (./path, repo/name or oci://...)';
  if (ref.split(/[/\\]/).includes('..')) return 'must not contain ".." path segments';
  if (!policy.allowedCharts) {
    return policy.configured.includes(ref)
      ? null
      : "is not a configured release's chart (helmdeck.yaml has no allowedCharts)";
  }
  const matching = policy.allowedCharts.filter((p) => matchesChartPattern([p], ref));
  if (matching.length === 0) {
    const deeper = policy.allowedCharts.find((p) => p.includes('*') && matchesAcrossSlash(p, ref));
    return deeper
      ? `is not in the configuration's allowed charts: "*" in ${deeper} matches one path segment, never a "/" ("**" allows sub-folders)`
      : "is not in the configuration's allowed charts";
  }
  if (kind !== 'local') return null;
  const real = realDir(path.resolve(policy.baseDir, ref));
  if (!real) return 'was not found (no such chart folder)';
  const inside = matching.some((p) => {
    const folder = realDir(path.resolve(policy.baseDir, allowedFolder(p)));
    return folder !== null && isInside(real, folder);
  });
  return inside
    ? null
    : `leads outside the allowed chart folder ${matching.map((p) => `./${allowedFolder(p)}`).join(', ')} (through a symbolic link)`;
}
