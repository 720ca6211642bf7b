import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  contentHash,
  contentOfInput,
  ticketInputProblems,
  ZTicketInput,
  type TTicketContent,
} from './ticket-content';
import { valuesFromYaml } from '@/lib/values';

const base: TTicketContent = {
  release: 'alpha-members',
  environment: 'production',
  clusters: ['east', 'west'],
  chartVersion: '1.4.0',
  imageTag: '2.0.1',
  values: { replicaCount: 3, image: { tag: '2.0.1', pullPolicy: 'IfNotPresent' } },
};

const validInput = {
  release: 'alpha-members',
  environment: 'production',
  clusters: ['east'],
  chartVersion: '1.4.0',
  imageTag: '2.0.1',
  values: 'replicaCount: 3\n',
  rollbackPlan: { targetRevision: 4, steps: ['helm rollback to 4'] },
  maintenanceWindow: {
    start: '2026-03-01T22:00',
    end: '2026-03-01T23:00',
    timeZone: 'Europe/Berlin',
  },
  stakeholders: ['ops@example.com'],
  externalRef: 'CHG-1234',
  risk: 'medium',
};

describe('ticket content hash', () => {
  test('is stable across cluster order, key order and YAML formatting', () => {
    const h = contentHash(base);
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(
      contentHash({
        ...base,
        clusters: ['west', 'east'],
        values: { image: { pullPolicy: 'IfNotPresent', tag: '2.0.1' }, replicaCount: 3 },
      }),
      h,
    );
    const fromYaml = valuesFromYaml(
      '# comment\nimage:\n  pullPolicy: IfNotPresent\n  tag: "2.0.1"\nreplicaCount: 3\n',
    );
    assert.equal(contentHash({ ...base, values: fromYaml }), h);
  });

  test('changes with every field it covers', () => {
    const h = contentHash(base);
    const variants: TTicketContent[] = [
      { ...base, release: 'beta-payments' },
      { ...base, environment: 'staging' },
      { ...base, clusters: ['east'] },
      { ...base, clusters: ['east', 'west', 'eu'] },
      { ...base, chartVersion: '1.4.1' },
      { ...base, imageTag: '2.0.2' },
      { ...base, imageTag: null },
      { ...base, values: { ...base.values, replicaCount: 4 } },
      { ...base, values: { ...base.values, replicaCount: '3' } },
      { ...base, values: { ...base.values, extra: null } },
      { ...base, values: { replicaCount: 3, image: { tag: '2.0.1' } } },
    ];
    const hashes = variants.map(contentHash);
    for (const v of hashes) assert.notEqual(v, h);
    assert.equal(new Set(hashes).size, hashes.length, 'every variant hashes differently');
  });

  test('array order in values matters (helm applies lists in order)', () => {
    const a = contentHash({ ...base, values: { args: ['--a', '--b'] } });
    const b = contentHash({ ...base, values: { args: ['--b', '--a'] } });
    assert.notEqual(a, b);
  });
});

describe('ticket input', () => {
  test('a complete production ticket is accepted and its content parsed', () => {
    const parsed = ZTicketInput.parse(validInput);
    const content = contentOfInput(parsed);
    assert.deepEqual(content.values, { replicaCount: 3 });
    assert.equal(content.imageTag, '2.0.1');
  });

  test('bad fields are named one by one', () => {
    const r = ZTicketInput.safeParse({
      ...validInput,
      release: 'Alpha_Members',
      clusters: [],
      values: 'a: [1,\n',
      externalRef: 'change 12',
      risk: 'extreme',
      rollbackPlan: { steps: [] },
      maintenanceWindow: { start: 'tonight', end: '2026-03-01T23:00', timeZone: 'Mars/Base' },
    });
    assert.equal(r.success, false);
    const problems = ticketInputProblems(r.error!).map((p) => p.split(':')[0]);
    for (const field of [
      'release',
      'clusters',
      'values',
      'externalRef',
      'risk',
      'rollbackPlan.steps',
      'maintenanceWindow.start',
      'maintenanceWindow.timeZone',
    ]) {
      assert.ok(problems.includes(field), `${field} reported in ${problems.join(', ')}`);
    }
  });

  test('values must be a mapping', () => {
    const r = ZTicketInput.safeParse({ ...validInput, values: '- a\n- b\n' });
    assert.equal(r.success, false);
    assert.match(
      ticketInputProblems(r.error!)[0] ?? '',
      /^values: invalid values YAML: must be a mapping/,
    );
    assert.deepEqual(valuesFromYaml(''), {});
  });

  test('unknown fields are refused rather than silently dropped', () => {
    const r = ZTicketInput.safeParse({ ...validInput, approvedBy: 'me' });
    assert.equal(r.success, false);
  });
});
