import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions } from './versions';

test('versions order numerically, with pre-releases before their release', () => {
  assert.equal(compareVersions('1.10.0', '1.9.3'), 1);
  assert.equal(compareVersions('v2.0', '2.0.0'), 0);
  assert.equal(compareVersions('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(compareVersions('1.0.0-rc.2', '1.0.0-rc.10'), -1);
  assert.equal(compareVersions('1.0.0-alpha', '1.0.0-alpha.1'), -1);
  assert.equal(compareVersions('1.2.3+build.5', '1.2.3'), 0);
});

test('things that are not versions cannot be ordered', () => {
  assert.equal(compareVersions('latest', '1.0.0'), null);
  assert.equal(compareVersions('3f9a1c2', '4b7e0d1'), null);
  assert.equal(compareVersions('same-tag', 'same-tag'), 0);
});
