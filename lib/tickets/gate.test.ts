import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZFreezeWindow } from '@/lib/config/freeze-window';
import type { TDecision } from './approval-status';
import {
  evaluateGate,
  type TGateCheckName,
  type TGateEnvironment,
  type TGateInput,
  type TGateTicket,
} from './gate';
import { valuesFromYaml } from '@/lib/values';
import { contentHash } from './ticket-content';

const VALUES = 'replicaCount: 3\nimage:\n  tag: 2.0.1\n';
const HASH = contentHash({
  release: 'alpha-members',
  environment: 'production',
  clusters: ['east', 'west'],
  chartVersion: '1.4.0',
  imageTag: '2.0.1',
  values: valuesFromYaml(VALUES),
});
const now = new Date('2026-03-04T21:30:00Z'); // Wednesday 22:30 Berlin

const production: TGateEnvironment = {
  name: 'production',
  requireTicket: true,
  approvals: 2,
  freezeWindows: [],
};

function approval(approverId: string, extra: Partial<TDecision> = {}): TDecision {
  return {
    approverId,
    decision: 'approve',
    contentHash: HASH,
    createdAt: new Date('2026-03-04T10:00:00Z'),
    expiresAt: new Date('2026-03-07T10:00:00Z'),
    voidedAt: null,
    ...extra,
  };
}

function ticket(extra: Partial<TGateTicket> = {}): TGateTicket {
  return {
    id: 12,
    state: 'approved',
    release: 'alpha-members',
    environment: 'production',
    clusters: ['east', 'west'],
    chartVersion: '1.4.0',
    imageTag: '2.0.1',
    values: VALUES,
    contentHash: HASH,
    windowStart: new Date('2026-03-04T21:00:00Z'),
    windowEnd: new Date('2026-03-04T23:00:00Z'),
    windowTimezone: 'Europe/Berlin',
    approvals: [approval('anna'), approval('bert')],
    ...extra,
  };
}

const operation = {
  release: 'alpha-members',
  environment: 'production',
  cluster: 'east',
  chartVersion: '1.4.0',
  imageTag: '2.0.1',
  values: { image: { tag: '2.0.1' }, replicaCount: 3 },
};

function gate(input: Partial<TGateInput> = {}) {
  return evaluateGate({ environment: production, ticket: ticket(), operation, now, ...input });
}

function failing(result: ReturnType<typeof gate>): TGateCheckName[] {
  return result.checklist.filter((c) => !c.ok).map((c) => c.check);
}

describe('production gate', () => {
  test('an approved, matching ticket inside its window passes every check', () => {
    const r = gate();
    assert.equal(r.allowed, true);
    assert.deepEqual(
      r.checklist.map((c) => c.check),
      [
        'ticket-required',
        'approved',
        'approvals-count',
        'not-expired',
        'content-matches',
        'in-maintenance-window',
        'no-freeze',
      ],
    );
    assert.equal(r.opensAt, undefined);
  });

  test('ticket-required: production without a ticket is refused; development needs none', () => {
    const r = gate({ ticket: null });
    assert.equal(r.allowed, false);
    assert.deepEqual(failing(r), ['ticket-required']);
    assert.match(r.checklist[0]!.detail, /production requires an approved change ticket/);
    const dev = gate({
      environment: { ...production, name: 'development', requireTicket: false },
      ticket: null,
    });
    assert.equal(dev.allowed, true);
  });

  test('approved: a pending ticket is refused; a rejection blocks even with enough approvals', () => {
    assert.deepEqual(failing(gate({ ticket: ticket({ state: 'pending' }) })), ['approved']);
    const rejected = gate({
      ticket: ticket({
        approvals: [approval('anna'), approval('bert'), approval('carl', { decision: 'reject' })],
      }),
    });
    assert.deepEqual(failing(rejected), ['approved']);
    assert.match(rejected.checklist.find((c) => c.check === 'approved')!.detail, /rejected/);
  });

  test('approvals-count: one approval of two is not enough', () => {
    const r = gate({ ticket: ticket({ approvals: [approval('anna')] }) });
    assert.deepEqual(failing(r), ['approved', 'approvals-count']);
    assert.equal(
      r.checklist.find((c) => c.check === 'approvals-count')!.detail,
      '1 of 2 required approvals',
    );
  });

  test('approvals-count: approvals voided by an edit or on other content do not count', () => {
    const r = gate({
      ticket: ticket({
        approvals: [
          approval('anna', { voidedAt: now }),
          approval('bert', { contentHash: 'f'.repeat(64) }),
        ],
      }),
    });
    assert.ok(failing(r).includes('approvals-count'));
  });

  test('not-expired: an approval older than the TTL does not count and is named', () => {
    const r = gate({
      ticket: ticket({
        approvals: [
          approval('anna'),
          approval('bert', { expiresAt: new Date('2026-03-04T21:00:00Z') }),
        ],
      }),
    });
    assert.deepEqual(failing(r), ['approved', 'approvals-count', 'not-expired']);
    assert.match(r.checklist.find((c) => c.check === 'approved')!.detail, /is expired/);
  });

  test('content-matches: any difference from the approved change is refused and named', () => {
    const cases: Array<[Partial<typeof operation>, RegExp]> = [
      [{ imageTag: '2.0.2' }, /image tag 2\.0\.2 is not the approved 2\.0\.1/],
      [{ chartVersion: '1.5.0' }, /chart version 1\.5\.0/],
      [{ cluster: 'eu' }, /cluster eu is not among east, west/],
      [{ release: 'beta-payments' }, /release beta-payments/],
      [{ values: { replicaCount: 4, image: { tag: '2.0.1' } } }, /the values differ/],
    ];
    for (const [change, detail] of cases) {
      const r = gate({ operation: { ...operation, ...change } });
      assert.deepEqual(failing(r), ['content-matches'], JSON.stringify(change));
      assert.match(r.checklist.find((c) => c.check === 'content-matches')!.detail, detail);
    }
  });

  test('content-matches: a ticket whose stored content no longer matches its hash is refused', () => {
    const r = gate({
      ticket: ticket({ values: 'replicaCount: 30\nimage:\n  tag: 2.0.1\n' }),
      operation: { ...operation, values: { replicaCount: 30, image: { tag: '2.0.1' } } },
    });
    assert.match(
      r.checklist.find((c) => c.check === 'content-matches')!.detail,
      /does not match its hash/,
    );
  });

  test('in-maintenance-window: before the window says when it opens', () => {
    const early = new Date('2026-03-04T18:00:00Z');
    const r = gate({ now: early });
    assert.deepEqual(failing(r), ['in-maintenance-window']);
    assert.match(
      r.checklist.find((c) => c.check === 'in-maintenance-window')!.detail,
      /opens Wed 2026-03-04 22:00 Europe\/Berlin/,
    );
    assert.equal(r.opensAt?.toISOString(), '2026-03-04T21:00:00.000Z');
    const late = gate({ now: new Date('2026-03-04T23:30:00Z') });
    assert.match(late.checklist.find((c) => c.check === 'in-maintenance-window')!.detail, /closed/);
    assert.equal(late.opensAt, undefined, 'a closed window does not open again');
  });

  test('no-freeze: a freeze window denies even inside the maintenance window, and names when it opens', () => {
    const evening = ZFreezeWindow.parse({
      name: 'evening',
      days: ['wed'],
      start: '22:00',
      end: '23:15',
      timeZone: 'Europe/Berlin',
    });
    const r = gate({ environment: { ...production, freezeWindows: [evening] } });
    assert.equal(r.allowed, false);
    assert.deepEqual(failing(r), ['no-freeze']);
    assert.match(
      r.checklist.find((c) => c.check === 'no-freeze')!.detail,
      /frozen \(evening\) until Wed 2026-03-04 23:15 Europe\/Berlin/,
    );
    assert.equal(r.opensAt?.toISOString(), '2026-03-04T22:15:00.000Z');
  });

  test('no-freeze: a freeze lasting past the maintenance window leaves no opening', () => {
    const night = ZFreezeWindow.parse({
      days: ['wed'],
      start: '22:00',
      end: '06:00',
      timeZone: 'Europe/Berlin',
    });
    const r = gate({ environment: { ...production, freezeWindows: [night] } });
    assert.equal(r.allowed, false);
    assert.equal(r.opensAt, undefined);
  });

  test('no-freeze applies to environments without tickets too', () => {
    const freeze = ZFreezeWindow.parse({ start: '2026-03-01', end: '2026-03-10', timeZone: 'UTC' });
    const r = gate({
      environment: { name: 'staging', requireTicket: false, approvals: 0, freezeWindows: [freeze] },
      ticket: null,
    });
    assert.deepEqual(failing(r), ['no-freeze']);
    assert.equal(r.opensAt?.toISOString(), '2026-03-10T00:00:00.000Z');
  });
});
