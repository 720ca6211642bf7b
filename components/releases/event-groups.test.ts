import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TEventFact } from '@/lib/release-view';
import { groupEvents } from './event-groups';

const event = (object: string, type: string, reason: string, lastSeen: string): TEventFact => ({
  type,
  reason,
  message: `${reason} of ${object}`,
  object,
  count: 1,
  lastSeen,
});

const events = [
  event('Pod/web-1', 'Normal', 'Pulled', '2026-01-01T10:00:05Z'),
  event('Deployment/web', 'Normal', 'ScalingReplicaSet', '2026-01-01T10:00:09Z'),
  event('Pod/api-1', 'Warning', 'BackOff', '2026-01-01T10:00:03Z'),
  event('Pod/api-1', 'Normal', 'Started', '2026-01-01T10:00:01Z'),
  event('Pod/api-1', 'Warning', 'Unhealthy', '2026-01-01T10:00:04Z'),
];

test('warnings only: one group per object that had a warning, its warnings newest first', () => {
  const groups = groupEvents(events, true);
  assert.deepEqual(
    groups.map((g) => [g.object, g.events.map((e) => e.reason)]),
    [['Pod/api-1', ['Unhealthy', 'BackOff']]],
  );
  assert.equal(groups[0]!.warnings, 2);
});

test('all events: groups with warnings come first, the rest by their latest event', () => {
  const groups = groupEvents(events, false);
  assert.deepEqual(
    groups.map((g) => g.object),
    ['Pod/api-1', 'Deployment/web', 'Pod/web-1'],
  );
  assert.deepEqual(
    groups[0]!.events.map((e) => e.reason),
    ['Unhealthy', 'BackOff', 'Started'],
  );
  assert.equal(groups[0]!.lastSeen, '2026-01-01T10:00:04Z');
});
