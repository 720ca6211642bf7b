import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { bundledToolPath } from './bundled-tools';
import { findOnPath, pickHelm } from './resolve-helm';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-pick-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('choosing the helm binary', () => {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'helm'), '#!/bin/sh\n');
  chmodSync(path.join(bin, 'helm'), 0o755);
  const notExecutable = path.join(dir, 'noexec');
  mkdirSync(notExecutable);
  writeFileSync(path.join(notExecutable, 'helm'), '');

  test('HELM_BIN wins over PATH', () => {
    assert.deepEqual(pickHelm({ helmBin: '/opt/helm/helm', pathEnv: bin }), {
      path: '/opt/helm/helm',
      source: 'HELM_BIN',
    });
  });

  test('then the first executable helm on PATH, skipping non-executable files', () => {
    const pathEnv = [path.join(dir, 'missing'), notExecutable, bin].join(path.delimiter);
    assert.equal(findOnPath('helm', pathEnv), path.join(bin, 'helm'));
    assert.deepEqual(pickHelm({ pathEnv }), { path: path.join(bin, 'helm'), source: 'PATH' });
  });

  test('else the bundled helm 4', () => {
    assert.deepEqual(pickHelm({ pathEnv: notExecutable }), {
      path: bundledToolPath('helm'),
      source: 'bundled',
    });
  });
});
