import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { splitManifest } from './manifest';
import {
  isRedactionMarker,
  isSecretKey,
  redactManifestObject,
  redactValues,
  redactionMarker,
} from './redact';

test('secret-looking keys are recognised, references and look-alikes are not', () => {
  const secret = [
    'password',
    'dbPassword',
    'DB_PASSWORD',
    'adminpassword',
    'passwd',
    'apiToken',
    'token',
    'clientSecret',
    'existingSecret',
    'apiKey',
    'api-key',
    'accessKey',
    'AWS_SECRET_ACCESS_KEY',
    'privateKey',
    'key',
    'tls.key',
    'credentials',
    'googleCredential',
    'auth',
    'basicAuth',
    'authorization',
    'cert',
    'caCert',
    'private',
    'sentryDsn',
  ];
  for (const k of secret) assert.equal(isSecretKey(k), true, k);
  const plain = [
    'keyName',
    'secretName',
    'tokenRef',
    'passwordFile',
    'replicaCount',
    'monkey',
    'author',
    'image',
    'name',
  ];
  for (const k of plain) assert.equal(isSecretKey(k), false, k);
});

test('markers are stable for equal values, differ for different ones, never show the value', () => {
  assert.equal(redactionMarker('hunter2'), redactionMarker('hunter2'));
  assert.notEqual(redactionMarker('hunter2'), redactionMarker('hunter3'));
  assert.notEqual(redactionMarker(1), redactionMarker('1'));
  assert.ok(isRedactionMarker(redactionMarker('hunter2')));
  assert.ok(!redactionMarker('hunter2').includes('hunter2'));
});

test('values trees: secrets become markers, whole secret subtrees included, the rest untouched', () => {
  const values = {
    replicaCount: 2,
    image: { repository: 'nginx', tag: '1.2.3' },
    db: { host: 'pg', password: 'hunter2', passwordSecretName: 'db-creds' },
    auth: { enabled: true, users: [{ user: 'a', hash: 'x' }] },
    extraEnv: [
      { name: 'API_TOKEN', value: 'abc123' },
      { name: 'LOG_LEVEL', value: 'debug' },
    ],
    apiKey: null,
  };
  const r = redactValues(values);
  assert.deepEqual(r.image, values.image);
  assert.equal(r.replicaCount, 2);
  assert.equal(r.db.host, 'pg');
  assert.equal(r.db.passwordSecretName, 'db-creds');
  assert.ok(isRedactionMarker(r.db.password));
  assert.ok(isRedactionMarker(r.auth.enabled));
  assert.ok(isRedactionMarker(r.auth.users[0]?.hash));
  assert.ok(isRedactionMarker(r.extraEnv[0]?.value));
  assert.equal(r.extraEnv[1]?.value, 'debug');
  assert.equal(r.apiKey, null);
  assert.ok(!JSON.stringify(r).includes('hunter2'));
  assert.ok(!JSON.stringify(r).includes('abc123'));
  assert.equal(values.db.password, 'hunter2', 'the input is not modified');
});

test('manifest objects: Secret data and stringData, secret-looking ConfigMap keys and env values', () => {
  const helmJson = JSON.parse(
    readFileSync(new URL('./fixtures/helm4-install-web.json', import.meta.url), 'utf8'),
  );
  const secret = splitManifest(helmJson.manifest, 'shop').resources.get(
    'Secret/shop/web-demo-creds',
  );
  assert.ok(secret);
  const red = redactManifestObject(secret.object);
  const text = JSON.stringify(red);
  assert.ok(!text.includes('aHVudGVyMg=='));
  assert.ok(!text.includes('abc123'));
  assert.equal((red.metadata as { name: string }).name, 'web-demo-creds');
  assert.ok(isRedactionMarker((red.stringData as { token: string }).token));

  const cm = redactManifestObject({
    kind: 'ConfigMap',
    data: { 'app.conf': 'x=1', SMTP_PASSWORD: 'p' },
  });
  assert.equal(cm.data['app.conf'], 'x=1');
  assert.ok(isRedactionMarker(cm.data.SMTP_PASSWORD));

  const deploy = redactManifestObject({
    kind: 'Deployment',
    spec: {
      template: {
        spec: {
          volumes: [{ name: 'certs', secret: { secretName: 'tls' } }],
          containers: [
            {
              name: 'web',
              env: [
                { name: 'DB_PASSWORD', value: 'hunter2' },
                {
                  name: 'DB_PASSWORD_REF',
                  valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
                },
                { name: 'PORT', value: '80' },
              ],
            },
          ],
        },
      },
    },
  });
  const dtext = JSON.stringify(deploy);
  assert.ok(!dtext.includes('hunter2'));
  assert.ok(dtext.includes('"secretName":"tls"'), 'references to secrets stay readable');
  assert.ok(dtext.includes('"key":"password"'));
  assert.ok(dtext.includes('"value":"80"'));
});
