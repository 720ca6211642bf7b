// What the rollback picker tells about each revision it offers: whether it
// was healthy (live without being rolled away from), what going back to it
// changes (chart, app version, image; up or down), and which of its hook Jobs
// run on the rollback and which do not. The previous healthy revision is the default.
import type { THistoryEntry } from '@/lib/release-view';

export type TRevisionLike = Pick<
  THistoryEntry,
  'revision' | 'status' | 'chartVersion' | 'appVersion' | 'imageTag' | 'description'
> & { hooks?: THistoryEntry['hooks'] };

export type TRollbackChoice = {
  revision: number;
  status: string;
  healthy: boolean;
  /** The newest healthy revision before the current one: the one picked at first. */
  lastHealthy: boolean;
  /** Why it is not healthy ("failed", "rolled back from by revision 7"), when it is not. */
  unhealthyBecause: string | null;
  /** "chart 1.3.0 → 1.2.0 (down)", "image 1.3.0 → 1.2.0". */
  changes: string[];
  /** Hook Jobs helm runs again on this rollback (pre-/post-rollback hooks of the target). */
  hooksRun: string[];
  /** Hook Jobs that do not run on a rollback (install/upgrade only): what they changed stays. */
  hooksSkipped: string[];
};

function parts(v: string): number[] {
  return (v.replace(/^v/, '').split(/[-+]/)[0] ?? '').split('.').map((x) => Number(x) || 0);
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` (numeric dot parts; pre-release ignored). */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function change(what: string, from: string | null, to: string | null, ordered: boolean) {
  if (!from || !to || from === to) return null;
  if (!ordered) return `${what} ${from} → ${to}`;
  return `${what} ${from} → ${to} (${compareVersions(to, from) < 0 ? 'down' : 'up'})`;
}

const ROLLBACK_EVENTS = new Set(['pre-rollback', 'post-rollback']);

/** `older` newest first, without the current revision; `all` every revision (to see rollbacks away). */
export function rollbackChoices(
  current: TRevisionLike | undefined,
  older: readonly TRevisionLike[],
  all: readonly TRevisionLike[] = older,
): TRollbackChoice[] {
  const rolledAwayBy = (rev: number) =>
    all.find((r) => r.revision === rev + 1 && /^Rollback to \d+/i.test(r.description));
  const choices = older.map((r): TRollbackChoice => {
    const away = rolledAwayBy(r.revision);
    const unhealthyBecause =
      r.status === 'failed' || r.status.startsWith('pending')
        ? r.status
        : away
          ? `rolled back from by revision ${away.revision}`
          : null;
    const hooks = r.hooks ?? [];
    return {
      revision: r.revision,
      status: r.status,
      healthy: unhealthyBecause === null && (r.status === 'superseded' || r.status === 'deployed'),
      lastHealthy: false,
      unhealthyBecause,
      changes: [
        change('chart', current?.chartVersion ?? null, r.chartVersion, true),
        change('app', current?.appVersion ?? null, r.appVersion, true),
        change('image', current?.imageTag ?? null, r.imageTag, false),
      ].filter((c) => c !== null),
      hooksRun: hooks
        .filter((h) => h.events.some((e) => ROLLBACK_EVENTS.has(e)))
        .map((h) => `${h.kind} ${h.name} (${h.events.join(', ')})`),
      hooksSkipped: hooks
        .filter((h) => !h.events.some((e) => ROLLBACK_EVENTS.has(e)))
        .map((h) => `${h.kind} ${h.name} (${h.events.join(', ')})`),
    };
  });
  const last = choices.find((c) => c.healthy);
  if (last) last.lastHealthy = true;
  return choices;
}

/** The revision picked when the dialog opens: the last healthy one, else the previous one. */
export function defaultChoice(choices: readonly TRollbackChoice[]): number | undefined {
  return (choices.find((c) => c.lastHealthy) ?? choices[0])?.revision;
}
