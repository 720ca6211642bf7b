// The controller's decision after an analysis: abort at failureLimit,
// otherwise wait for the step's interval and a pass at this step, then step
// or, after the last step, promote.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decide } from './controller';

const s = { steps: [10, 50, 100], stepInterval: '1m', automatic: true, failureLimit: 2 };
const started = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(started.getTime() + seconds * 1000);
const row = (over: Partial<Parameters<typeof decide>[1]> = {}) => ({
  stepIndex: 0,
  stepStartedAt: started,
  failures: 0,
  state: 'running' as const,
  ...over,
});
const pass = { verdict: 'pass', reason: 'error-rate: 0.01' };

describe('canary decisions', () => {
  test('failureLimit failures in a row abort, naming the failed metric', () => {
    const d = decide(
      s,
      row({ failures: 2 }),
      { verdict: 'fail', reason: 'error-rate: 0.08 is above the maximum 0.05' },
      false,
      at(5),
    );
    assert.equal(d.action, 'abort');
    assert.match(
      d.action === 'abort' ? d.reason : '',
      /2 times in a row \(failureLimit 2\): error-rate: 0\.08/,
    );
    assert.equal(
      decide(s, row({ failures: 1 }), { verdict: 'fail', reason: 'x' }, false, at(90)).action,
      'wait',
    );
  });

  test('a step advances only after its interval and a pass at this step', () => {
    assert.equal(decide(s, row(), pass, true, at(30)).action, 'wait');
    assert.equal(decide(s, row(), pass, false, at(90)).action, 'wait');
    assert.equal(
      decide(s, row(), { verdict: 'inconclusive', reason: 'no data' }, true, at(90)).action,
      'wait',
    );
    assert.deepEqual(decide(s, row(), pass, true, at(90)), { action: 'step', weight: 50 });
    assert.deepEqual(decide(s, row({ stepIndex: 2 }), pass, true, at(90)), { action: 'promote' });
  });

  test('paused or by-hand canaries never move by themselves', () => {
    assert.equal(decide(s, row({ state: 'paused' }), pass, true, at(90)).action, 'wait');
    assert.equal(decide({ ...s, automatic: false }, row(), pass, true, at(90)).action, 'wait');
  });
});
