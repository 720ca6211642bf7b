// What can be checked of the image without a Docker engine: the build
// stage's sources are in the repository and in the build context, the
// runtime stage runs the standalone server as a non-root user with helm, and
// the chart runs the pods as that same user. (e2e/standalone.spec.ts boots
// the runtime stage's files.)
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { readDockerfile } from './dockerfile';

const root = path.resolve(import.meta.dirname, '..');
const stages = readDockerfile();
const build = stages.find((s) => s.name === 'build');
const runtime = stages.at(-1)!;

const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

test('the image is built in stages: a build stage, then a runtime stage that copies only its outputs', () => {
  assert.ok(stages.length >= 2, 'multi-stage');
  assert.ok(build, 'a stage named build');
  assert.notEqual(runtime, build);
  assert.ok(
    runtime.copies.every((c) => c.from === 'build'),
    'runtime copies come from the build stage',
  );
});

test('every COPY source of the build stage exists and is not excluded by .dockerignore', () => {
  const sources = build!.copies.filter((c) => !c.from).flatMap((c) => c.sources);
  assert.ok(sources.length > 0);
  for (const source of sources) {
    assert.ok(existsSync(path.join(root, source)), `${source} exists`);
    if (source !== '.')
      assert.ok(
        !ignored.includes(source.replace(/^\.\//, '')),
        `${source} is in the build context`,
      );
  }
  for (const needed of ['node_modules', '.next', '.helmdeck', '.git'])
    assert.ok(ignored.includes(needed), `${needed} stays out of the build context`);
});

test('the runtime stage runs node server.js of the standalone output, with helm, as a non-root user', () => {
  assert.deepEqual(runtime.cmd, ['node', 'server.js']);
  const sources = runtime.copies.flatMap((c) => c.sources);
  assert.ok(sources.includes('/src/.next/standalone'));
  assert.ok(sources.includes('/src/.next/static'));
  assert.ok(sources.includes('/src/.helmdeck/bin/helm'));
  assert.equal(runtime.env.HELM_BIN, '/usr/local/bin/helm');
  const [uid] = (runtime.user ?? '0').split(':');
  assert.ok(Number(uid) > 0, `USER ${runtime.user} is not root`);
  const next = readFileSync(path.join(root, 'next.config.mjs'), 'utf8');
  assert.match(next, /output: 'standalone'/);
});

test("the chart's pods run as the image's user", () => {
  const values = parse(
    readFileSync(path.join(root, 'deploy', 'helm', 'helmdeck', 'values.yaml'), 'utf8'),
  ) as { podSecurityContext: { runAsUser: number } };
  assert.equal(String(values.podSecurityContext.runAsUser), runtime.user?.split(':')[0]);
});
