import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZFreezeWindow } from './freeze-window';
import { configErrorMap, flattenZodIssues } from './format-issues';

function problems(input: unknown): string[] {
  const r = ZFreezeWindow.safeParse(input, { error: configErrorMap });
  return r.success
    ? []
    : flattenZodIssues(r.error.issues).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('freeze windows', () => {
  test('a recurring weekend freeze in Berlin time is accepted, crossing midnight', () => {
    const r = ZFreezeWindow.parse({
      name: 'weekend',
      days: ['fri', 'sat'],
      start: '18:00',
      end: '06:00',
      timeZone: 'Europe/Berlin',
    });
    assert.equal(r.kind, 'recurring');
  });

  test('a dated year-end freeze is accepted with dates or date-times', () => {
    const r = ZFreezeWindow.parse({
      start: '2026-12-20',
      end: '2027-01-04T08:00',
      timeZone: 'America/New_York',
    });
    assert.equal(r.kind, 'dated');
  });

  test('unknown time zones are refused, checked against Intl', () => {
    assert.deepEqual(
      problems({ days: ['mon'], start: '09:00', end: '10:00', timeZone: 'Europe/Atlantis' }),
      ['timeZone: unknown IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)'],
    );
    assert.deepEqual(problems({ start: '2026-01-01', end: '2026-01-02' }), ['timeZone: required']);
  });

  test('recurring windows need real days and HH:MM times that differ', () => {
    assert.deepEqual(problems({ days: ['monday'], start: '9:00', end: '24:00', timeZone: 'UTC' }), [
      'days.0: one of mon, tue, wed, thu, fri, sat, sun',
      'start: a time HH:MM (24h)',
      'end: a time HH:MM (24h)',
    ]);
    assert.deepEqual(problems({ days: [], start: '09:00', end: '10:00', timeZone: 'UTC' }), [
      'days: at least one day',
    ]);
    assert.deepEqual(problems({ days: ['mon'], start: '09:00', end: '09:00', timeZone: 'UTC' }), [
      'end: must differ from start',
    ]);
  });

  test('dated windows need real local dates, no offset, end after start', () => {
    assert.deepEqual(problems({ start: '2026-02-30', end: '2026-03-01', timeZone: 'UTC' }), [
      'start: a local date or date-time without offset, e.g. 2025-12-20T18:00',
    ]);
    assert.equal(
      problems({ start: '2026-01-01T00:00Z', end: '2026-01-02', timeZone: 'UTC' }).length,
      1,
    );
    assert.deepEqual(problems({ start: '2026-01-02', end: '2026-01-01T23:59', timeZone: 'UTC' }), [
      'end: must be after start',
    ]);
  });

  test('fields of the other kind are unknown, not silently ignored', () => {
    assert.deepEqual(
      problems({ start: '2026-01-01', end: '2026-01-02', timeZone: 'UTC', daily: true }),
      ['daily: unknown field'],
    );
  });
});
