import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { splitManifest } from './manifest';
import {
  isRedactionMarker,
  isSecretKey,
  redactManifestObject,
  redactText,
  redactValues,
  redactionMarker,
  secretsOf,
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

test('credentials are recognised by their shape, whatever key holds them', () => {
  const shapes = {
    url: 'postgres://shop:hunter2-SECRET@db.internal:5432/shop',
    redis: 'redis://:hunter3-SECRET@cache:6379/0',
    query: 'https://api.example.com/v1?token=tok-SECRET-123&page=2',
    flag: '--db-password=hunter4-SECRET',
    pair: 'user=app password=hunter5-SECRET host=db',
    json: '{"apiKey":"json-SECRET-key","region":"eu"}',
    aws: 'AKIAIOSFODNN7EXAMPLE',
    github: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    slack: 'xoxb-123456789012-abcdefSECRET',
    jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2huIn0.c2lnbmF0dXJlU0VDUkVU',
    bearer: 'Authorization: Bearer abc123SECRETxyz',
    pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpSECRETPEM\n-----END RSA PRIVATE KEY-----',
  };
  const red = redactValues({ config: shapes });
  const text = JSON.stringify(red);
  for (const secret of [
    'hunter2-SECRET',
    'hunter3-SECRET',
    'tok-SECRET-123',
    'hunter4-SECRET',
    'hunter5-SECRET',
    'json-SECRET-key',
    'AKIAIOSFODNN7EXAMPLE',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'xoxb-123456789012',
    'eyJhbGciOiJIUzI1NiJ9',
    'abc123SECRETxyz',
    'MIIEpSECRETPEM',
  ])
    assert.ok(!text.includes(secret), `${secret} is hidden`);
  // Only the secret part goes: the rest still says where a URL points.
  assert.match(
    red.config.url,
    /^postgres:\/\/shop:\[redacted:[0-9a-f]{12}\]@db\.internal:5432\/shop$/,
  );
  assert.match(red.config.query, /page=2$/);
  assert.match(red.config.pair, /^user=app password=\[redacted:[0-9a-f]{12}\] host=db$/);
  // Look-alikes stay readable.
  const plain = {
    image: 'registry.example.com/shop/web:1.2.3',
    link: 'https://example.com/docs?page=2',
    secretName: 'db-creds',
    text: 'the token was rotated yesterday',
  };
  assert.deepEqual(redactValues(plain), plain);
});

test('manifests: secret keys in any map, args and annotations; Kubernetes references stay', () => {
  const obj = redactManifestObject({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      annotations: {
        'vault.example.com/agent-token': 'annot-SECRET-1',
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          spec: { password: 'json-SECRET-2' },
        }),
        'example.com/owner': 'team-shop',
      },
    },
    spec: {
      template: {
        spec: {
          automountServiceAccountToken: false,
          imagePullSecrets: [{ name: 'registry' }],
          affinity: { podAntiAffinity: { topologyKey: 'kubernetes.io/hostname' } },
          containers: [
            {
              name: 'web',
              args: ['--api-key=arg-SECRET-3', '--port=80'],
              env: [{ name: 'DATABASE_URL', value: 'postgres://u:url-SECRET-4@db/shop' }],
            },
          ],
        },
      },
    },
  });
  const text = JSON.stringify(obj);
  for (const s of ['annot-SECRET-1', 'json-SECRET-2', 'arg-SECRET-3', 'url-SECRET-4'])
    assert.ok(!text.includes(s), `${s} is hidden`);
  for (const s of ['team-shop', '"registry"', 'kubernetes.io/hostname', '--port=80', '"web"'])
    assert.ok(text.includes(s), `${s} stays readable`);
  assert.equal(
    (obj.spec as { template: { spec: { automountServiceAccountToken: boolean } } }).template.spec
      .automountServiceAccountToken,
    false,
  );

  const custom = redactManifestObject({
    kind: 'ShopConfig',
    spec: { upstream: { credentials: { user: 'u', pass: 'crd-SECRET-5' } }, replicas: 2 },
  });
  assert.ok(!JSON.stringify(custom).includes('crd-SECRET-5'));
  assert.equal((custom.spec as { replicas: number }).replicas, 2);
});

test("a release's secret values are masked wherever the chart put them, whatever the field", () => {
  const values = {
    db: { password: 'hunter2-SECRET' },
    apiKey: 'AKIA-EXAMPLE-0001',
    replicas: 2,
    greeting: 'hello',
  };
  const known = secretsOf(values);
  assert.ok(known.includes('hunter2-SECRET') && known.includes('AKIA-EXAMPLE-0001'));
  assert.ok(!known.includes('hello'));
  const manifest = redactManifestObject(
    {
      kind: 'Deployment',
      spec: {
        template: {
          metadata: { annotations: { checksum: 'x' } },
          spec: {
            containers: [
              {
                name: 'web',
                command: ['/app', 'hunter2-SECRET'],
                env: [
                  { name: 'DB', value: 'hunter2-SECRET' },
                  { name: 'ID', value: 'AKIA-EXAMPLE-0001' },
                  { name: 'GREETING', value: 'hello' },
                ],
              },
            ],
          },
        },
      },
    },
    known,
  );
  const text = JSON.stringify(manifest);
  assert.ok(!text.includes('hunter2-SECRET') && !text.includes('AKIA-EXAMPLE-0001'));
  assert.ok(text.includes('"hello"'));
  // The same marker wherever the same secret appears: diffs stay meaningful.
  assert.ok(text.includes(redactionMarker('hunter2-SECRET')));
  assert.equal(
    redactText('start hunter2-SECRET end', known),
    `start ${redactionMarker('hunter2-SECRET')} end`,
  );
});
