// Fills an analysis metric's PromQL template for one track: `{selector}`
// becomes the label matchers of that track, the other placeholders their
// values as quoted PromQL strings. Label values are escaped, so a name can
// never end the string.
import type { TPrometheus } from '@/lib/config';

export type TTrack = {
  namespace: string;
  /** The helm release whose pods serve the track (alpha-members-canary, alpha-members-green). */
  release: string;
  /** stable, canary, or the colour; informative only. */
  track: string;
  cluster: string;
};

const quote = (v: string) =>
  `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;

/** The label matchers (without braces) that select one track's series. */
export function trackSelector(
  prom: Pick<TPrometheus, 'releaseLabel' | 'clusterLabel'>,
  t: TTrack,
): string {
  const parts = [`namespace=${quote(t.namespace)}`, `${prom.releaseLabel}=${quote(t.release)}`];
  if (prom.clusterLabel) parts.push(`${prom.clusterLabel}=${quote(t.cluster)}`);
  return parts.join(',');
}

/** The template with every placeholder filled for `t`, rates over `window`. */
export function renderQuery(
  template: string,
  prom: Pick<TPrometheus, 'releaseLabel' | 'clusterLabel'>,
  t: TTrack,
  window: string,
): string {
  const values: Record<string, string> = {
    selector: trackSelector(prom, t),
    namespace: quote(t.namespace),
    release: quote(t.release),
    track: quote(t.track),
    cluster: quote(t.cluster),
    // Config durations ("1m", "1h30m") are PromQL durations as they are.
    window,
  };
  return template.replace(/\{([A-Za-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
