import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseReleaseJson } from './release-secret';
import { summarizeRelease } from './summary';

const helmJson = readFileSync(
  new URL('./fixtures/helm4-install-web.json', import.meta.url),
  'utf8',
);

test('a decoded release summarises to what one overview cell shows', () => {
  const s = summarizeRelease(parseReleaseJson(helmJson), { deployedBy: 'rm@example.com' });
  assert.equal(s.name, 'web');
  assert.equal(s.revision, 1);
  assert.equal(s.chartName, 'demo');
  assert.equal(s.chartVersion, '0.1.0');
  assert.equal(s.appVersion, '1.16.0');
  assert.equal(s.imageTag, '1.2.3');
  assert.deepEqual(s.images, ['nginx:1.2.3']);
  assert.equal(s.deployedBy, 'rm@example.com');
  assert.equal(s.health, null);
});

test('the main image tag skips init containers and prefers Deployments over Jobs', () => {
  const manifest = [
    'apiVersion: batch/v1\nkind: Job\nmetadata: { name: migrate }',
    'spec: { template: { spec: { containers: [{ name: m, image: "tools:9.9" }] } } }',
    '---',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }',
    'spec: { template: { spec: { initContainers: [{ name: i, image: "busybox:1" }], containers: [{ name: a, image: "api:4.2.0" }] } } }',
  ].join('\n');
  const r = JSON.parse(helmJson);
  const s = summarizeRelease(parseReleaseJson(JSON.stringify({ ...r, manifest })));
  assert.equal(s.imageTag, '4.2.0');
  assert.deepEqual(s.images, ['busybox:1', 'api:4.2.0', 'tools:9.9']);
});
