import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import {
  ReleaseSecretError,
  decodeReleaseSecret,
  encodeReleaseSecretData,
  tryDecodeReleaseSecret,
  type TKubeSecret,
} from './release-secret';
import { releaseFromLabels } from './release-labels';

// Release JSON printed by real helm 4.1.4 (see fixtures/README.md).
const helmJson = JSON.parse(
  readFileSync(new URL('./fixtures/helm4-install-web.json', import.meta.url), 'utf8'),
);

function secretFor(release: unknown, data: string = encodeReleaseSecretData(release)): TKubeSecret {
  return {
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: 'sh.helm.release.v1.web.v1',
      namespace: 'shop',
      uid: 'u1',
      resourceVersion: '7',
      labels: {
        owner: 'helm',
        name: 'web',
        status: 'deployed',
        version: '1',
        modifiedAt: '1764236806',
      },
    },
    data: { release: data },
  };
}

test('decodes a release Secret holding real helm 4 release JSON', () => {
  const encoded = encodeReleaseSecretData(helmJson);
  // The bytes helm stores are base64 text of gzip data, which starts "H4sI".
  assert.ok(Buffer.from(encoded, 'base64').toString('latin1').startsWith('H4sI'));
  const r = decodeReleaseSecret(secretFor(helmJson, encoded));
  assert.equal(r.name, 'web');
  assert.equal(r.namespace, 'shop');
  assert.equal(r.revision, 1);
  assert.equal(r.info.status, 'pending-install');
  assert.equal(r.info.description, 'Dry run complete');
  assert.match(r.info.notes, /port-forward/);
  assert.equal(r.info.lastDeployed, helmJson.info.last_deployed);
  assert.deepEqual(r.chart, { name: 'demo', version: '0.1.0', appVersion: '1.16.0' });
  assert.deepEqual(r.config, {
    apiToken: 'abc123',
    dbPassword: 'hunter2',
    image: { tag: '1.2.3' },
  });
  assert.equal((r.chartValues.image as { repository: string }).repository, 'nginx');
  assert.match(r.manifest, /kind: Deployment/);
  assert.equal(r.hooks.length, 1);
  assert.equal(r.hooks[0]?.name, 'web-demo-test-connection');
  assert.deepEqual(r.hooks[0]?.events, ['test']);
  assert.equal(r.applyMethod, 'ssa');
});

test('decodes a payload that is plain JSON, not gzip, as helm does', () => {
  const r = decodeReleaseSecret(
    secretFor(helmJson, encodeReleaseSecretData(helmJson, { gzip: false })),
  );
  assert.equal(r.chart.version, '0.1.0');
});

test('decodes a helm 3 release without apply_method and with null config and hooks', () => {
  const helm3 = structuredClone(helmJson);
  delete helm3.apply_method;
  const r = decodeReleaseSecret(secretFor({ ...helm3, config: null, hooks: null, version: 3 }));
  assert.equal(r.applyMethod, null);
  assert.deepEqual(r.config, {});
  assert.deepEqual(r.hooks, []);
  assert.equal(r.revision, 3);
});

test('decodes the configmap storage driver, whose data is base64 only once', () => {
  const once = gzipSync(Buffer.from(JSON.stringify(helmJson))).toString('base64');
  const cm = { ...secretFor(helmJson, once), kind: 'ConfigMap', type: undefined };
  assert.equal(decodeReleaseSecret(cm).name, 'web');
});

function codeOf(obj: TKubeSecret): string {
  const result = tryDecodeReleaseSecret(obj);
  assert.equal(result.ok, false);
  return result.ok ? '' : result.error.code;
}

test('bad input gives a typed error, never a crash', () => {
  const good = secretFor(helmJson);
  assert.equal(codeOf({ ...good, type: 'Opaque' }), 'not-helm-secret');
  assert.equal(codeOf({ ...good, metadata: { labels: {} } }), 'not-helm-secret');
  assert.equal(codeOf({ ...good, data: {} }), 'missing-data');
  assert.equal(codeOf({ ...good, data: { release: 'not base64!' } }), 'bad-base64');
  assert.equal(codeOf(secretFor(null, Buffer.from('%%%%').toString('base64'))), 'bad-base64');
  const truncatedGzip = gzipSync(Buffer.from(JSON.stringify(helmJson))).subarray(0, 40);
  const twice = (b: Buffer) => Buffer.from(b.toString('base64')).toString('base64');
  assert.equal(codeOf(secretFor(null, twice(truncatedGzip))), 'bad-gzip');
  assert.equal(codeOf(secretFor(null, twice(gzipSync(Buffer.from('{"name":'))))), 'bad-json');
  assert.equal(codeOf(secretFor({ name: 'web', info: {} })), 'bad-shape');
  assert.equal(codeOf(secretFor([1, 2])), 'bad-shape');
  assert.throws(() => decodeReleaseSecret({ ...good, data: {} }), ReleaseSecretError);
});

test('labels alone give name, revision, status and modification time', () => {
  const s = releaseFromLabels(secretFor(helmJson).metadata ?? {});
  assert.deepEqual(s, {
    name: 'web',
    namespace: 'shop',
    revision: 1,
    status: 'deployed',
    modifiedAt: new Date(1764236806 * 1000),
    secretName: 'sh.helm.release.v1.web.v1',
    uid: 'u1',
    resourceVersion: '7',
  });
});

test('labels without modifiedAt fall back to the creation time; non-helm labels are refused', () => {
  const s = releaseFromLabels({
    name: 'sh.helm.release.v1.api.v2',
    creationTimestamp: '2025-01-02T03:04:05Z',
    labels: { owner: 'helm', name: 'api', version: '2', status: 'superseded' },
  });
  assert.equal(s.modifiedAt?.toISOString(), '2025-01-02T03:04:05.000Z');
  assert.throws(
    () => releaseFromLabels({ labels: { owner: 'someone', name: 'x', version: '1' } }),
    {
      code: 'not-helm-secret',
    },
  );
  assert.throws(() => releaseFromLabels({ labels: { owner: 'helm', name: 'x', version: 'v1' } }), {
    code: 'bad-shape',
  });
});
