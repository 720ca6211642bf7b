// A pod's counters in the Prometheus text exposition format (0.0.4):
// `http_requests_total{code,method}` and the `http_request_duration_seconds`
// histogram. Background traffic is a fractional request count; its whole
// requests are split by the profile's shares so that the series add up and
// each of them only grows.
import {
  BUCKETS,
  latencyShare,
  meanLatency,
  medianLatency,
  METHODS,
  type TProfile,
} from './profile';

export interface TPodCounters {
  profile: TProfile;
  /** Background requests so far (fractional). */
  background: number;
  /** Requests through the proxies, by `<code> <method>`. */
  proxied: Record<string, number>;
}

export const EXPOSITION_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(6));

/**
 * Splits `n` by shares so the parts add up to `n` exactly and each part
 * only grows as `n` grows (the last part takes the remainder).
 */
function split(n: number, shares: ReadonlyArray<number>): number[] {
  const parts: number[] = [];
  let left = n;
  let shareLeft = 1;
  for (const [i, share] of shares.entries()) {
    const part = i === shares.length - 1 ? left : Math.floor(left * (share / shareLeft));
    parts.push(part);
    left -= part;
    shareLeft -= share;
  }
  return parts;
}

export function renderExposition(c: TPodCounters): string {
  const { profile } = c;
  const answered = Math.floor(c.background);
  const [errors = 0, ok = 0] = split(answered, [profile.errorRatio, 1 - profile.errorRatio]);
  const shares = METHODS.map(([, share]) => share);
  const series = new Map<string, number>();
  for (const [code, n] of [
    ['500', errors],
    ['200', ok],
  ] as const) {
    const perMethod = split(n, shares);
    METHODS.forEach(([method], i) => series.set(`${code} ${method}`, perMethod[i] ?? 0));
  }
  let proxiedTotal = 0;
  for (const [key, n] of Object.entries(c.proxied)) {
    series.set(key, (series.get(key) ?? 0) + n);
    proxiedTotal += n;
  }
  const lines = [
    '# HELP http_requests_total Requests answered, by status code and method.',
    '# TYPE http_requests_total counter',
  ];
  for (const [key, n] of [...series].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [code, method] = key.split(' ');
    lines.push(`http_requests_total{code="${code}",method="${method}"} ${n}`);
  }
  // Proxied requests are placed at the profile's median latency.
  const median = medianLatency(profile);
  const total = answered + proxiedTotal;
  lines.push(
    '# HELP http_request_duration_seconds Time taken to answer a request.',
    '# TYPE http_request_duration_seconds histogram',
  );
  for (const le of BUCKETS) {
    const count =
      Math.floor(c.background * latencyShare(profile, le)) + (le >= median ? proxiedTotal : 0);
    lines.push(`http_request_duration_seconds_bucket{le="${le}"} ${count}`);
  }
  lines.push(
    `http_request_duration_seconds_bucket{le="+Inf"} ${total}`,
    `http_request_duration_seconds_sum ${num((c.background + proxiedTotal) * meanLatency(profile))}`,
    `http_request_duration_seconds_count ${total}`,
  );
  return `${lines.join('\n')}\n`;
}
