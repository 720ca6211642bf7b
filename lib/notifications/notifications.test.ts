import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { retryDelayMs } from './dispatch';
import { buildPayload, type TTicketSummary } from './payload';
import { signBody, verifySignature } from './sign';

const SECRET = 'a-webhook-secret-of-32-characters';
const now = new Date('2026-03-01T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

describe('webhook signatures', () => {
  test('a receiver accepts the body it was sent and refuses a tampered one', () => {
    const body = '{"event":"ticket.approved"}';
    const signature = signBody(SECRET, ts, body);
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.deepEqual(verifySignature(SECRET, { signature, timestamp: String(ts) }, body, { now }), {
      ok: true,
    });
    assert.equal(
      verifySignature(
        SECRET,
        { signature, timestamp: String(ts) },
        body.replace('approved', 'rejected'),
        { now },
      ).ok,
      false,
    );
    assert.equal(
      verifySignature(
        'another-secret-of-enough-length',
        { signature, timestamp: String(ts) },
        body,
        { now },
      ).ok,
      false,
    );
  });

  test('the timestamp is signed too, and stale ones are refused', () => {
    const body = '{}';
    const signature = signBody(SECRET, ts, body);
    assert.equal(
      verifySignature(SECRET, { signature, timestamp: String(ts + 1) }, body, { now }).ok,
      false,
    );
    const later = new Date(now.getTime() + 10 * 60_000);
    assert.deepEqual(
      verifySignature(SECRET, { signature, timestamp: String(ts) }, body, { now: later }),
      {
        ok: false,
        reason: 'timestamp too old or in the future',
      },
    );
    assert.equal(
      verifySignature(SECRET, { signature: null, timestamp: String(ts) }, body, { now }).ok,
      false,
    );
  });
});

describe('webhook payloads', () => {
  const ticket = {
    id: 12,
    release: 'alpha-members',
    environment: 'production',
    clusters: ['east', 'west'],
    chartVersion: '1.4.0',
    imageTag: '2.0.1',
    valuesDigest: 'd'.repeat(64),
    contentHash: 'c'.repeat(64),
    externalRef: 'CHG-1234',
    risk: 'high',
    state: 'approved',
    requester: 'Rita Release',
    // A whole row handed in by mistake: these must not travel.
    values: 'db:\n  password: hunter2\n',
    renderedDiff: '+ password: hunter2',
  } as TTicketSummary;

  test('generic payloads carry references and digests, never the values', () => {
    const p = buildPayload(
      { format: 'generic' },
      'ticket.approved',
      { ticket, actor: 'Anna Approver', comment: 'ok' },
      now,
    );
    assert.equal(p.event, 'ticket.approved');
    assert.equal((p.ticket as TTicketSummary).externalRef, 'CHG-1234');
    assert.equal(p.comment, 'ok');
    assert.doesNotMatch(JSON.stringify(p), /hunter2/);
  });

  test('Slack payloads have text and blocks', () => {
    const p = buildPayload({ format: 'slack' }, 'ticket.requested', { ticket }, now);
    assert.match(
      String(p.text),
      /ticket #12 \(CHG-1234\), alpha-members 1\.4\.0 to production \[east, west\]/,
    );
    assert.ok(Array.isArray(p.blocks) && p.blocks.length === 3);
    assert.doesNotMatch(JSON.stringify(p), /hunter2/);
  });
});

describe('retry backoff', () => {
  test('doubles from the base and stops growing at the cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 1000, 10_000)),
      [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000],
    );
  });
});
