import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZFreezeWindow, type TFreezeWindow } from '@/lib/config/freeze-window';
import { activeFreeze, activeFreezes, nextOpening } from './freeze';
import { formatInZone, parseZonedDateTime } from './zoned-time';

const w = (input: unknown): TFreezeWindow => ZFreezeWindow.parse(input);
const at = (iso: string) => new Date(iso);

// Berlin is UTC+1 in winter, UTC+2 in summer; 2026 switches on 29 March and 25 October.
const weekend = w({
  name: 'weekend',
  days: ['fri', 'sat', 'sun'],
  start: '18:00',
  end: '06:00',
  timeZone: 'Europe/Berlin',
});

describe('recurring freeze windows', () => {
  test('a friday-evening freeze is in force friday night and ends saturday 06:00 Berlin', () => {
    assert.equal(
      activeFreeze([weekend], at('2026-03-06T16:59:00Z')),
      undefined,
      'Fri 17:59 Berlin',
    );
    const fri = activeFreeze([weekend], at('2026-03-06T18:00:00Z'));
    assert.equal(fri?.label, 'weekend');
    assert.equal(fri?.end.toISOString(), '2026-03-07T05:00:00.000Z');
    assert.ok(
      activeFreeze([weekend], at('2026-03-07T04:59:00Z')),
      'Sat 05:59 Berlin, after midnight',
    );
    assert.equal(
      activeFreeze([weekend], at('2026-03-07T05:00:00Z')),
      undefined,
      'Sat 06:00 Berlin',
    );
  });

  test("sunday's window crosses into monday; wednesday's night is free", () => {
    assert.ok(activeFreeze([weekend], at('2026-03-09T04:00:00Z')), 'Mon 05:00 Berlin');
    assert.equal(
      activeFreeze([weekend], at('2026-03-09T05:00:00Z')),
      undefined,
      'Mon 06:00 Berlin',
    );
    assert.equal(
      activeFreeze([weekend], at('2026-03-05T04:00:00Z')),
      undefined,
      'Thu 05:00 Berlin',
    );
  });

  test('the next opening is the end of the freeze, chaining back-to-back windows', () => {
    assert.equal(
      nextOpening([weekend], at('2026-03-06T18:00:00Z'))?.toISOString(),
      '2026-03-07T05:00:00.000Z',
    );
    const saturdayDay = w({
      days: ['sat'],
      start: '06:00',
      end: '18:00',
      timeZone: 'Europe/Berlin',
    });
    assert.equal(
      nextOpening([weekend, saturdayDay], at('2026-03-06T18:00:00Z'))?.toISOString(),
      '2026-03-08T05:00:00.000Z',
      'Fri 19:00 -> Sat 06:00 -> Sat 18:00 -> Sun 06:00 Berlin',
    );
    const now = at('2026-03-04T10:00:00Z');
    assert.equal(nextOpening([weekend], now), now, 'nothing frozen: open now');
  });

  test('on the spring DST night a window lasts one hour less and still ends at 06:00 local', () => {
    const saturdayNight = w({
      days: ['sat'],
      start: '22:00',
      end: '06:00',
      timeZone: 'Europe/Berlin',
    });
    const o = activeFreeze([saturdayNight], at('2026-03-29T03:30:00Z'));
    assert.equal(o?.start.toISOString(), '2026-03-28T21:00:00.000Z');
    assert.equal(o?.end.toISOString(), '2026-03-29T04:00:00.000Z');
    assert.equal(activeFreeze([saturdayNight], at('2026-03-29T04:00:00Z')), undefined);
  });

  test('a window ending at a wall time the spring jump skips ends at the jump', () => {
    const late = w({ days: ['sat'], start: '23:00', end: '02:30', timeZone: 'Europe/Berlin' });
    assert.ok(activeFreeze([late], at('2026-03-29T00:59:00Z')), '01:59 CET');
    assert.equal(activeFreeze([late], at('2026-03-29T01:00:00Z')), undefined, '03:00 CEST');
    assert.equal(
      nextOpening([late], at('2026-03-28T22:30:00Z'))?.toISOString(),
      '2026-03-29T01:00:00.000Z',
    );
  });

  test('on the autumn DST night a window lasts one hour more', () => {
    const saturdayNight = w({
      days: ['sat'],
      start: '22:00',
      end: '06:00',
      timeZone: 'Europe/Berlin',
    });
    assert.ok(activeFreeze([saturdayNight], at('2026-10-25T04:30:00Z')), '05:30 CET');
    assert.equal(
      nextOpening([saturdayNight], at('2026-10-24T20:00:00Z'))?.toISOString(),
      '2026-10-25T05:00:00.000Z',
    );
  });

  test('a wall time shown twice in autumn counts from its first showing', () => {
    const twice = w({ days: ['sun'], start: '02:00', end: '02:30', timeZone: 'Europe/Berlin' });
    const o = activeFreeze([twice], at('2026-10-25T00:10:00Z'));
    assert.equal(o?.start.toISOString(), '2026-10-25T00:00:00.000Z');
    assert.equal(o?.end.toISOString(), '2026-10-25T00:30:00.000Z');
  });

  test('New York windows follow New York time, not Berlin or UTC', () => {
    const nightly = w({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '20:00',
      end: '23:00',
      timeZone: 'America/New_York',
    });
    // Monday 9 March 2026: New York already on EDT (UTC-4), Berlin still on CET.
    assert.ok(activeFreeze([nightly], at('2026-03-10T00:30:00Z')), 'Mon 20:30 EDT');
    assert.equal(activeFreeze([nightly], at('2026-03-10T03:00:00Z')), undefined, 'Mon 23:00 EDT');
  });
});

describe('dated freeze windows', () => {
  const yearEnd = w({
    name: 'year-end',
    start: '2026-12-20',
    end: '2027-01-04T08:00',
    timeZone: 'America/New_York',
  });

  test('start and end are local to the window time zone', () => {
    assert.equal(
      activeFreeze([yearEnd], at('2026-12-20T04:59:00Z')),
      undefined,
      'Dec 19 23:59 EST',
    );
    assert.equal(activeFreeze([yearEnd], at('2026-12-20T05:00:00Z'))?.label, 'year-end');
    assert.equal(
      nextOpening([yearEnd], at('2026-12-25T12:00:00Z'))?.toISOString(),
      '2027-01-04T13:00:00.000Z',
    );
  });

  test('every window in force is reported; the longest one first', () => {
    const now = at('2026-12-25T20:00:00Z'); // Friday 21:00 Berlin
    assert.equal(activeFreezes([weekend, yearEnd], now).length, 2);
    assert.equal(activeFreeze([weekend, yearEnd], now)?.label, 'year-end');
  });
});

describe('zoned time helpers', () => {
  test('local maintenance times are read in their zone', () => {
    assert.equal(
      parseZonedDateTime('2026-07-01T22:00', 'Europe/Berlin').toISOString(),
      '2026-07-01T20:00:00.000Z',
    );
    assert.equal(
      parseZonedDateTime('2026-07-01T22:00Z', 'Europe/Berlin').toISOString(),
      '2026-07-01T22:00:00.000Z',
    );
    assert.equal(
      formatInZone(at('2026-03-07T05:00:00Z'), 'Europe/Berlin'),
      'Sat 2026-03-07 06:00 Europe/Berlin',
    );
  });
});
