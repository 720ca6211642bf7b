import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareVersions,
  defaultChoice,
  rollbackChoices,
  type TRevisionLike,
} from './rollback-choices';

const rev = (
  revision: number,
  status: string,
  chartVersion: string,
  imageTag: string,
  description = 'Upgrade complete',
  hooks: TRevisionLike['hooks'] = [],
): TRevisionLike => ({
  revision,
  status,
  chartVersion,
  appVersion: chartVersion,
  imageTag,
  description,
  hooks,
});

const migrate = { kind: 'Job', name: 'shop-migrate', events: ['pre-install', 'pre-upgrade'] };
const restore = { kind: 'Job', name: 'shop-restore', events: ['pre-rollback'] };

// 7 is live (helm's rollback to 5 after 6 failed); 5 and 4 were live in their time.
const history = [
  rev(7, 'deployed', '1.2.0', '1.2.0', 'Rollback to 5'),
  rev(6, 'failed', '1.3.0', '1.3.0-crashloop'),
  rev(5, 'superseded', '1.2.0', '1.2.0', 'Upgrade complete', [migrate]),
  rev(4, 'superseded', '1.3.0', '1.3.0', 'Upgrade complete', [migrate, restore]),
];

test('the last healthy revision is marked and picked; a failed one says so', () => {
  const choices = rollbackChoices(history[0], history.slice(1), history);
  assert.deepEqual(
    choices.map((c) => [c.revision, c.healthy, c.lastHealthy, c.unhealthyBecause]),
    [
      [6, false, false, 'failed'],
      [5, true, true, null],
      [4, true, false, null],
    ],
  );
  assert.equal(defaultChoice(choices), 5);
});

test('a revision rolled away from is not healthy', () => {
  const h = [
    rev(3, 'deployed', '1.0.0', '1.0.0', 'Rollback to 1'),
    rev(2, 'superseded', '1.1.0', '1.1.0'),
    rev(1, 'superseded', '1.0.0', '1.0.0'),
  ];
  const choices = rollbackChoices(h[0], h.slice(1), h);
  assert.equal(choices[0]!.unhealthyBecause, 'rolled back from by revision 3');
  assert.equal(defaultChoice(choices), 1);
});

test('each target says what it changes, up or down, and which hook Jobs run again', () => {
  const choices = rollbackChoices(history[0], history.slice(1), history);
  const four = choices.find((c) => c.revision === 4)!;
  assert.deepEqual(four.changes, [
    'chart 1.2.0 → 1.3.0 (up)',
    'app 1.2.0 → 1.3.0 (up)',
    'image 1.2.0 → 1.3.0',
  ]);
  assert.deepEqual(four.hooksRun, ['Job shop-restore (pre-rollback)']);
  assert.deepEqual(four.hooksSkipped, ['Job shop-migrate (pre-install, pre-upgrade)']);
  assert.deepEqual(choices.find((c) => c.revision === 5)!.changes, []);
});

test('versions compare by their numbers', () => {
  assert.equal(compareVersions('1.10.0', '1.9.2'), 1);
  assert.equal(compareVersions('v1.2.0', '1.2.0'), 0);
  assert.equal(compareVersions('1.2.0', '1.3.0'), -1);
});
