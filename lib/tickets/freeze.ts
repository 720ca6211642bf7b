// Freeze windows from helmdeck.yaml evaluated at an instant. Each window is
// turned into concrete occurrences [start, end) in its own time zone, so a
// recurring "fri 18:00 -> 06:00" crosses midnight and DST days correctly.
import { normaliseLocalDateTime, WEEKDAYS, type TFreezeWindow } from '@/lib/config/freeze-window';
import { addDays, instantOfWallTime, wallClock } from './zoned-time';

export interface TFreezeOccurrence {
  window: TFreezeWindow;
  /** The window's name, or a description of it. */
  label: string;
  start: Date;
  end: Date;
}

function hhmm(text: string): { hour: number; minute: number } {
  const [h, m] = text.split(':');
  return { hour: Number(h), minute: Number(m) };
}

function localMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(normaliseLocalDateTime(text));
  if (!m) return Number.NaN;
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
}

export function describeWindow(w: TFreezeWindow): string {
  if (w.name) return w.name;
  if (w.kind === 'dated') return `freeze ${w.start} to ${w.end} (${w.timeZone})`;
  return `freeze ${w.days.join(', ')} ${w.start}-${w.end} (${w.timeZone})`;
}

/** The occurrence of `w` that contains `now`, if any. */
function occurrenceAt(w: TFreezeWindow, now: number): TFreezeOccurrence | undefined {
  const label = describeWindow(w);
  if (w.kind === 'dated') {
    const start = instantOfWallTime(localMs(w.start), w.timeZone);
    const end = instantOfWallTime(localMs(w.end), w.timeZone);
    return start <= now && now < end
      ? { window: w, label, start: new Date(start), end: new Date(end) }
      : undefined;
  }
  const s = hhmm(w.start);
  const e = hhmm(w.end);
  const crosses = e.hour * 60 + e.minute <= s.hour * 60 + s.minute;
  const today = wallClock(now, w.timeZone);
  // A window that crosses midnight may have started on the previous day.
  for (const back of [1, 0]) {
    const date = new Date(addDays(today.year, today.month, today.day, -back));
    const weekday = (today.weekday - back + 7) % 7;
    if (!w.days.includes(WEEKDAYS[weekday] as (typeof WEEKDAYS)[number])) continue;
    const startLocal = date.getTime() + (s.hour * 60 + s.minute) * 60_000;
    const endLocal =
      date.getTime() + (crosses ? 86_400_000 : 0) + (e.hour * 60 + e.minute) * 60_000;
    const start = instantOfWallTime(startLocal, w.timeZone);
    const end = instantOfWallTime(endLocal, w.timeZone);
    if (start <= now && now < end)
      return { window: w, label, start: new Date(start), end: new Date(end) };
  }
  return undefined;
}

/** Every freeze in force at `now` (empty when changes are allowed). */
export function activeFreezes(windows: readonly TFreezeWindow[], now: Date): TFreezeOccurrence[] {
  return windows.flatMap((w) => occurrenceAt(w, now.getTime()) ?? []);
}

/** The freeze in force at `now` that lasts longest, or undefined. */
export function activeFreeze(
  windows: readonly TFreezeWindow[],
  now: Date,
): TFreezeOccurrence | undefined {
  return activeFreezes(windows, now).sort((a, b) => b.end.getTime() - a.end.getTime())[0];
}

// Back-to-back windows chain; this bounds the walk for pathological configs.
const MAX_STEPS = 1000;

/**
 * The first instant at or after `now` outside every freeze window: `now`
 * itself when nothing is frozen, undefined when no opening is found.
 */
export function nextOpening(windows: readonly TFreezeWindow[], now: Date): Date | undefined {
  let t = now;
  for (let i = 0; i < MAX_STEPS; i++) {
    const active = activeFreezes(windows, t);
    if (active.length === 0) return t;
    t = new Date(Math.max(...active.map((o) => o.end.getTime())));
  }
  return undefined;
}
