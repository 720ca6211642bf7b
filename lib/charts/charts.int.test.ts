// Chart sources with real helm: a local folder, an HTTP Helm repository
// (helm package + helm repo index, served on loopback) and a real OCI
// registry (docker-registry). Each resolves to an exact version and digest.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '@/lib/config';
import { bundledToolPath, inspectHelm, runHelm, type THelmBinary } from '@/lib/helm';
import {
  buildChartRepo,
  serveChartRepo,
  type TChartRepoServer,
} from '../../scripts/demo/chart-repo';
import { ChartSourceError, resolveChart, sha256Digest } from './index';
import { startOciRegistry, type TOciRegistry } from './testing/oci-registry';

const CHART = path.resolve('examples/charts/alpha-members');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-charts-'));
const cacheDir = path.join(dir, 'cache');
let helm: THelmBinary;
let repo: TChartRepoServer;
let registry: TOciRegistry;

function configFor(chart: string, version?: string, extra = '') {
  const text = `
environments:
  - { name: staging, clusters: [{ name: staging, context: staging }], namespace: staging }
releases:
  - name: alpha-members
    chart: ${chart}
${version ? `    version: ${version}\n` : ''}    promotion: [staging]
${extra}`;
  const config = parseConfig(text, path.join(dir, 'helmdeck.yaml'));
  return { config, release: config.releases[0]! };
}

before(async () => {
  helm = await inspectHelm(bundledToolPath('helm'));
  const repoDir = path.join(dir, 'repo');
  await buildChartRepo([{ dir: CHART, versions: ['1.0.0', '1.1.0', '1.2.0'] }], repoDir, helm);
  repo = await serveChartRepo(repoDir);
  registry = await startOciRegistry();
  const push = await runHelm(
    [
      'push',
      '--plain-http',
      '--',
      path.join(repoDir, 'alpha-members-1.1.0.tgz'),
      `oci://${registry.host}/charts`,
    ],
    { helm, timeoutMs: 60_000 },
  );
  assert.equal(push.exitCode, 0, push.stderr);
});
after(async () => {
  await repo?.stop();
  await registry?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('local chart folder', () => {
  test('deploys its Chart.yaml version, digested as helm packages it', async () => {
    const { config, release } = configFor(CHART);
    const chart = await resolveChart({ config, release, cacheDir, helm });
    assert.equal(chart.version, '1.4.0');
    assert.equal(chart.name, 'alpha-members');
    assert.equal(chart.digest, sha256Digest(readFileSync(chart.archive)));
  });

  test('refuses a version the folder does not hold', async () => {
    const { config, release } = configFor(CHART);
    await assert.rejects(
      resolveChart({ config, release, version: '1.2.0', cacheDir, helm }),
      (e: Error) =>
        e instanceof ChartSourceError && /holds version 1\.4\.0, not 1\.2\.0/.test(e.message),
    );
  });

  test('a build keeps its archive after the folder moved on', async () => {
    const copy = path.join(dir, 'moving-chart');
    cpSync(CHART, copy, { recursive: true });
    const { config, release } = configFor(copy);
    const first = await resolveChart({ config, release, cacheDir, helm });
    const yaml = path.join(copy, 'Chart.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('version: 1.4.0', 'version: 1.5.0'));
    const again = await resolveChart({
      config,
      release,
      version: '1.4.0',
      digest: first.digest,
      cacheDir,
      helm,
    });
    assert.equal(again.archive, first.archive);
    assert.equal(again.version, '1.4.0');
    const otherCache = path.join(dir, 'empty-cache');
    await assert.rejects(
      resolveChart({
        config,
        release,
        version: '1.4.0',
        digest: first.digest,
        cacheDir: otherCache,
        helm,
      }),
      /holds version 1\.5\.0, not 1\.4\.0/,
    );
  });
});

describe('HTTP Helm repository', () => {
  const extra = () => `repositories: [{ name: demo, url: "${repo.url}" }]\n`;

  test('gives exactly the version asked for, with the digest of the index', async () => {
    const { config, release } = configFor('demo/alpha-members', '1.1.0', extra());
    const chart = await resolveChart({ config, release, cacheDir, helm });
    assert.equal(chart.version, '1.1.0');
    assert.equal(chart.source, 'repo');
    const index = readFileSync(path.join(dir, 'repo', 'index.yaml'), 'utf8');
    assert.ok(index.includes(chart.digest.replace('sha256:', '')), 'digest is the index entry');
    assert.equal(chart.digest, sha256Digest(readFileSync(chart.archive)));
    const shown = await runHelm(['show', 'chart', '--', chart.archive], {
      helm,
      timeoutMs: 30_000,
    });
    assert.match(shown.stdout, /^version: 1\.1\.0$/m);
  });

  test('an unknown version is refused with the versions the repository has', async () => {
    const { config, release } = configFor('demo/alpha-members', '9.9.9', extra());
    await assert.rejects(
      resolveChart({ config, release, cacheDir, helm }),
      /version 9\.9\.9 is not in the repository \(it has .*1\.2\.0.*1\.0\.0/,
    );
  });

  test('an archive that does not match the index is refused', async () => {
    const tampered = path.join(dir, 'tampered');
    await buildChartRepo([{ dir: CHART, versions: ['1.0.0'] }], tampered, helm);
    // Someone replaced the archive on the server; the index still names the original's digest.
    const archive = path.join(tampered, 'alpha-members-1.0.0.tgz');
    writeFileSync(archive, Buffer.concat([readFileSync(archive), Buffer.from('extra')]));
    const server = await serveChartRepo(tampered);
    try {
      const { config, release } = configFor(
        'bad/alpha-members',
        '1.0.0',
        `repositories: [{ name: bad, url: "${server.url}" }]\n`,
      );
      await assert.rejects(
        resolveChart({ config, release, cacheDir: path.join(dir, 'cache-tampered'), helm }),
        /does not match the index/,
      );
    } finally {
      await server.stop();
    }
  });
});

describe('OCI registry', () => {
  const extra = () => `registries: [{ host: "${registry.host}", plainHttp: true }]\n`;

  test('pulls the exact version and records the manifest and archive digests', async () => {
    const { config, release } = configFor(
      `oci://${registry.host}/charts/alpha-members`,
      '1.1.0',
      extra(),
    );
    const chart = await resolveChart({ config, release, cacheDir, helm });
    assert.equal(chart.source, 'oci');
    assert.equal(chart.version, '1.1.0');
    assert.match(chart.manifestDigest ?? '', /^sha256:[0-9a-f]{64}$/);
    const pushed = readFileSync(path.join(dir, 'repo', 'alpha-members-1.1.0.tgz'));
    assert.equal(chart.digest, sha256Digest(pushed), 'the archive is the one pushed');
    const manifest = await fetch(
      `http://${registry.host}/v2/charts/alpha-members/manifests/1.1.0`,
      {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      },
    );
    assert.equal(manifest.headers.get('docker-content-digest'), chart.manifestDigest);
  });

  test('a version the registry lacks is refused, naming it', async () => {
    const { config, release } = configFor(
      `oci://${registry.host}/charts/alpha-members`,
      '1.2.0',
      extra(),
    );
    await assert.rejects(
      resolveChart({ config, release, cacheDir, helm }),
      (e: Error) => e instanceof ChartSourceError && /alpha-members 1\.2\.0/.test(e.message),
    );
  });
});
