'use client';
// The one way a moment is shown: a short date and time in the viewer's own
// time zone (named, so nobody wonders which), the exact time on hover. The
// server cannot know the viewer's zone, so the first render (server and
// hydration) says UTC and the browser's zone follows right after.
import { useSyncExternalStore } from 'react';
import { ago } from '@/components/releases/format';

const subscribe = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => 'UTC';

function parts(date: Date, timeZone: string, exact: boolean): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(exact ? { second: '2-digit', fractionalSecondDigits: 3 } : {}),
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

/**
 * "2 Dec 2026, 07:13 CET" from a Date or an ISO string; "—" when absent. With
 * `now` (the page's clock, so server and browser agree) it reads "3 h ago"
 * instead, for freshness at a glance; the exact time is on hover either way.
 */
export function Time({ value, now }: { value: Date | string | null | undefined; now?: number }) {
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  if (value === null || value === undefined) return <span>—</span>;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return <span>—</span>;
  return (
    <time
      dateTime={date.toISOString()}
      title={`${parts(date, zone, true)} (${zone})`}
      className="whitespace-nowrap"
    >
      {now === undefined ? parts(date, zone, false) : ago(date.toISOString(), now)}
    </time>
  );
}
