import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { diffManifests, diffReleases } from './diff';
import { decodeReleaseSecret, encodeReleaseSecretData, type THelmRelease } from './release-secret';
import { computeValues, diffValues } from './values-diff';

const helmJson = JSON.parse(
  readFileSync(new URL('./fixtures/helm4-install-web.json', import.meta.url), 'utf8'),
);

// Round-trip through a Secret as the cache would hand it over.
function release(json: unknown): THelmRelease {
  return decodeReleaseSecret({
    type: 'helm.sh/release.v1',
    metadata: { labels: { owner: 'helm', name: 'web', version: '1' } },
    data: { release: encodeReleaseSecretData(json) },
  });
}

function revision2(): unknown {
  const j = structuredClone(helmJson);
  j.version = 2;
  j.chart.metadata.version = '0.2.0';
  j.info.notes = j.info.notes.replace('8080', '9090');
  j.config = { ...j.config, dbPassword: 'correct horse', image: { tag: '1.3.0' }, replicaCount: 3 };
  j.manifest = j.manifest
    .replace('nginx:1.2.3', 'nginx:1.3.0')
    .replace('"aHVudGVyMg=="', '"Y29ycmVjdCBob3JzZQ=="')
    .replace(/---\n# Source: demo\/templates\/serviceaccount.yaml[\s\S]*?(?=---)/, '')
    .concat(
      '---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-extra\n',
    );
  return j;
}

test('release manager compares two revisions: chart, notes, values and objects that changed', () => {
  const d = diffReleases(release(helmJson), release(revision2()));
  assert.equal(d.from.label, 'revision 1');
  assert.equal(d.to.revision, 2);
  assert.deepEqual(d.chart, { nameChanged: false, versionChanged: true, appVersionChanged: false });
  assert.equal(d.notes.changed, true);
  assert.match(d.notes.unified, /^-.*8080/m);
  assert.match(d.notes.unified, /^\+.*9090/m);

  assert.deepEqual(d.values, [
    { path: 'dbPassword', change: 'changed', secret: true },
    { path: 'image.tag', change: 'changed', secret: false, from: '1.2.3', to: '1.3.0' },
    { path: 'replicaCount', change: 'added', secret: false, to: 3 },
  ]);
  const computedTag = d.computedValues.find((c) => c.path === 'image.tag');
  assert.deepEqual(computedTag, {
    path: 'image.tag',
    change: 'changed',
    secret: false,
    from: '1.2.3',
    to: '1.3.0',
  });
  // replicaCount exists in the chart defaults, so in computed values it changed rather than appeared.
  assert.deepEqual(
    d.computedValues.find((c) => c.path === 'replicaCount'),
    {
      path: 'replicaCount',
      change: 'changed',
      secret: false,
      from: 1,
      to: 3,
    },
  );

  const byKey = Object.fromEntries(d.manifest.resources.map((r) => [r.key, r]));
  assert.equal(byKey['Deployment/shop/web-demo']?.change, 'changed');
  assert.match(byKey['Deployment/shop/web-demo']?.unified ?? '', /^-\s+image: nginx:1.2.3$/m);
  assert.match(byKey['Deployment/shop/web-demo']?.unified ?? '', /^\+\s+image: nginx:1.3.0$/m);
  assert.equal(byKey['ServiceAccount/shop/web-demo']?.change, 'removed');
  assert.equal(byKey['ConfigMap/shop/web-extra']?.change, 'added');
  assert.equal(byKey['Service/shop/web-demo']?.change, 'unchanged');
  assert.equal(
    byKey['Pod/shop/web-demo-test-connection']?.change,
    'unchanged',
    'hooks are compared too',
  );

  const secret = byKey['Secret/shop/web-demo-creds'];
  assert.equal(secret?.change, 'changed', 'a changed Secret shows as changed');
  const everything = JSON.stringify(d);
  for (const plain of [
    'hunter2',
    'aHVudGVyMg==',
    'correct horse',
    'Y29ycmVjdCBob3JzZQ==',
    'abc123',
  ]) {
    assert.ok(!everything.includes(plain), `${plain} must not appear in a diff`);
  }
  const changedRow = byKey['Deployment/shop/web-demo']?.rows.find((r) => r.kind === 'changed');
  assert.match(changedRow?.left?.text ?? '', /1\.2\.3/);
  assert.match(changedRow?.right?.text ?? '', /1\.3\.0/);
  assert.equal(d.manifest.resources[0]?.change, 'changed', 'changed objects come first');
});

test('the same release in two environments matches objects across namespaces', () => {
  const staging = {
    manifest: 'kind: Service\napiVersion: v1\nmetadata:\n  name: web\nspec:\n  port: 80\n',
    namespace: 'staging',
    label: 'staging',
  };
  const prod = {
    manifest: staging.manifest.replace('80', '8080'),
    namespace: 'production',
    label: 'production/east',
  };
  const d = diffManifests(staging, prod);
  assert.equal(d.resources.length, 1);
  assert.equal(d.resources[0]?.change, 'changed');
  assert.equal(d.resources[0]?.key, 'Service/production/web');
  assert.equal(d.resources[0]?.linesAdded, 1);
  // Each side is labelled with its own place and its own namespace.
  assert.match(d.resources[0]?.unified ?? '', /^--- staging Service\/staging\/web$/m);
  assert.match(
    d.resources[0]?.unified ?? '',
    /^\+\+\+ production\/east Service\/production\/web$/m,
  );
});

test('an unchanged secret value shows no change; an added or removed one shows no value', () => {
  const changes = diffValues(
    { db: { password: 'same', user: 'app' }, oldToken: 't1' },
    { db: { password: 'same', user: 'admin' }, newToken: 't2' },
  );
  assert.deepEqual(changes, [
    { path: 'db.user', change: 'changed', secret: false, from: 'app', to: 'admin' },
    { path: 'oldToken', change: 'removed', secret: true },
    { path: 'newToken', change: 'added', secret: true },
  ]);
});

test('paths quote odd keys and index lists; type changes are reported once', () => {
  const changes = diffValues(
    { annotations: { 'a.b/c': 'x' }, hosts: ['a', 'b'], res: { cpu: 1 } },
    { annotations: { 'a.b/c': 'y' }, hosts: ['a'], res: 'none' },
  );
  assert.deepEqual(
    changes.map((c) => [c.path, c.change]),
    [
      ['annotations["a.b/c"]', 'changed'],
      ['hosts[1]', 'removed'],
      ['res', 'changed'],
    ],
  );
});

test('computed values follow helm: maps merge, a user null deletes a default', () => {
  assert.deepEqual(
    computeValues({ a: { b: 1, c: 2 }, d: 1, e: [1] }, { a: { c: 3 }, d: null, e: [2] }),
    {
      a: { b: 1, c: 3 },
      e: [2],
    },
  );
});
