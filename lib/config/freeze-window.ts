// Freeze windows: periods in which production changes are refused. Either
// recurring (days of the week, wall-clock times) or dated (a fixed span),
// always in an explicit IANA time zone so DST and offices abroad are exact.
import { z } from 'zod';
import { ZTimeZone } from './primitives';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
// Local wall-clock date or date-time; the window's timeZone gives the offset.
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?)?$/;

function isValidLocalDateTime(text: string): boolean {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** "2025-12-24" -> "2025-12-24T00:00:00" so two bounds compare as strings. */
export function normaliseLocalDateTime(text: string): string {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return text;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
}

const ZRecurring = z.strictObject({
  kind: z.literal('recurring'),
  name: z.string().min(1).optional(),
  days: z
    .array(z.enum(WEEKDAYS, { message: `one of ${WEEKDAYS.join(', ')}` }))
    .min(1, 'at least one day'),
  start: z.string().regex(HH_MM, 'a time HH:MM (24h)'),
  // An end before the start crosses midnight (fri 18:00 -> 06:00 on saturday).
  end: z.string().regex(HH_MM, 'a time HH:MM (24h)'),
  timeZone: ZTimeZone,
});

const ZDated = z.strictObject({
  kind: z.literal('dated'),
  name: z.string().min(1).optional(),
  start: z
    .string()
    .refine(
      isValidLocalDateTime,
      'a local date or date-time without offset, e.g. 2025-12-20T18:00',
    ),
  end: z
    .string()
    .refine(
      isValidLocalDateTime,
      'a local date or date-time without offset, e.g. 2026-01-02T08:00',
    ),
  timeZone: ZTimeZone,
});

// The kind is inferred from the presence of `days`, so authors need not
// write it and errors speak about the fields they did write.
export const ZFreezeWindow = z
  .preprocess(
    (v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? { kind: 'days' in v ? 'recurring' : 'dated', ...v }
        : v,
    z.discriminatedUnion('kind', [ZRecurring, ZDated]),
  )
  .superRefine((w, ctx) => {
    if (w.kind === 'recurring' && w.start === w.end) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must differ from start' });
    }
    if (
      w.kind === 'dated' &&
      isValidLocalDateTime(w.start) &&
      isValidLocalDateTime(w.end) &&
      normaliseLocalDateTime(w.end) <= normaliseLocalDateTime(w.start)
    ) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    }
  });

export type TFreezeWindow = z.output<typeof ZFreezeWindow>;
