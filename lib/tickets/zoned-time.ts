// Wall-clock time in an IANA zone and back, with Intl only. Converting a
// wall-clock time to an instant answers "the first instant at which the
// clock on the wall shows this time or later": a time skipped by a DST jump
// becomes the jump itself, a time shown twice becomes its first showing.

export interface TWallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = monday ... 6 = sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAY_INDEX: Record<string, number> = {
  Mon: 0,
  Tue: 1,
  Wed: 2,
  Thu: 3,
  Fri: 4,
  Sat: 5,
  Sun: 6,
};

export function wallClock(instant: number, zone: string): TWallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_INDEX[parts.weekday ?? ''] ?? 0,
  };
}

/** The wall clock read as if it were UTC: comparable milliseconds. */
function wallAsUtc(w: Omit<TWallClock, 'weekday'>): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

function shown(instant: number, zone: string): number {
  return wallAsUtc(wallClock(instant, zone));
}

const DAY = 86_400_000;

/** First instant whose wall clock in `zone` reads `local` (a wall time as UTC ms) or later. */
export function instantOfWallTime(local: number, zone: string): number {
  // Offsets a day either side cover any single DST transition near `local`.
  const offsets = new Set([
    shown(local - DAY, zone) - (local - DAY),
    shown(local + DAY, zone) - (local + DAY),
  ]);
  const candidates = [...offsets].map((o) => local - o).sort((a, b) => a - b);
  const exact = candidates.find((c) => shown(c, zone) === local);
  if (exact !== undefined) return exact;
  // Skipped by a jump forward: search the jump between the candidates.
  let lo = candidates[0] ?? local;
  let hi = candidates[candidates.length - 1] ?? local;
  if (shown(hi, zone) < local) return hi;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 1000) * 1000;
    if (shown(mid, zone) >= local) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Wall date plus days, as UTC midnight ms (calendar arithmetic, no zone). */
export function addDays(year: number, month: number, day: number, days: number): number {
  return Date.UTC(year, month - 1, day + days);
}

/** "2026-03-01T22:00" in `zone`, or an ISO string with its own offset, as an instant. */
export function parseZonedDateTime(text: string, zone: string): Date {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) return new Date(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!m) return new Date(Number.NaN);
  const local = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  return new Date(instantOfWallTime(local, zone));
}

/** "Sat 2026-03-28 06:00 Europe/Berlin" for messages. */
export function formatInZone(instant: Date, zone: string): string {
  const w = wallClock(instant.getTime(), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][w.weekday];
  return `${day} ${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${zone}`;
}
