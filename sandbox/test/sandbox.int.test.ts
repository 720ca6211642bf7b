import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { startSandbox } from '../index';
import { call, startTestSandbox, tempDir, waitFor } from './helpers';

describe('sandbox: TLS, kubeconfig, faults, persistence, CLI', () => {
  it('writes a kubeconfig with one context per cluster, CA data and tokens, and serves only verified TLS', async () => {
    const sb = await startTestSandbox(['dev', 'staging']);
    try {
      const config = parse(readFileSync(sb.kubeconfigPath, 'utf8'));
      assert.deepEqual(
        config.contexts.map((c: { name: string }) => c.name),
        ['dev', 'staging'],
      );
      for (const c of config.clusters) {
        assert.ok(c.cluster['certificate-authority-data']);
        assert.equal(c.cluster['insecure-skip-tls-verify'], undefined);
        assert.match(c.cluster.server, /^https:\/\/127\.0\.0\.1:\d+$/);
      }
      assert.equal(config.users[1].user.token, sb.clusters[1]!.token);
      // A client that does not trust the sandbox CA is refused.
      await assert.rejects(
        call(sb, 'GET', '/version', { ca: '' }),
        /self-signed|unable to verify|certificate/,
      );
      // Each cluster has its own token.
      assert.equal(
        (await call(sb, 'GET', '/api/v1/namespaces', { token: sb.clusters[1]!.token }, 0)).status,
        401,
      );
      assert.equal((await call(sb, 'GET', '/api/v1/namespaces', {}, 1)).status, 200);
      // Benchmarks read how much of a client's time the sandbox itself spent.
      const before = sb.requestStats('staging');
      await call(sb, 'GET', '/api/v1/namespaces', {}, 1);
      const after = sb.requestStats('staging');
      assert.equal(after.requests, before.requests + 1);
      assert.ok(after.busyMs > before.busyMs);
    } finally {
      await sb.stop();
    }
  });

  it('injects faults from the library API and from the admin endpoint', async () => {
    const sb = await startTestSandbox(['dev', 'staging']);
    try {
      sb.setFault('dev', { kind: 'error', status: 500 });
      const failing = await call(sb, 'GET', '/api/v1/namespaces');
      assert.equal(failing.status, 500);
      assert.equal(failing.json.kind, 'Status');
      assert.equal(
        (await call(sb, 'GET', '/api/v1/namespaces', {}, 1)).status,
        200,
        'other clusters are unaffected',
      );
      sb.clearFaults();
      assert.equal((await call(sb, 'GET', '/api/v1/namespaces')).status, 200);

      sb.setFault('dev', { kind: 'unreachable' });
      await assert.rejects(call(sb, 'GET', '/api/v1/namespaces'), /socket hang up|ECONNRESET/);
      sb.clearFaults('dev');

      // Admin endpoint: needs the admin token, not a cluster token.
      const admin = { token: sb.adminToken };
      assert.equal(
        (
          await call(sb, 'POST', '/sandbox/faults', {
            body: { fault: { kind: 'error', status: 429 } },
          })
        ).status,
        401,
      );
      const set = await call(
        sb,
        'POST',
        '/sandbox/faults',
        {
          ...admin,
          body: { cluster: 'dev', fault: { kind: 'error', status: 429, retryAfterSeconds: 0 } },
        },
        1,
      );
      assert.equal(set.status, 200);
      const limited = await call(sb, 'GET', '/api/v1/namespaces');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers['retry-after'], '0');
      const listed = await call(sb, 'GET', '/sandbox/faults', admin);
      assert.equal(listed.json.faults.dev[0].status, 429);
      assert.equal(
        (
          await call(sb, 'POST', '/sandbox/faults', {
            ...admin,
            body: { fault: { kind: 'error', status: 418 } },
          })
        ).status,
        400,
      );
      assert.equal((await call(sb, 'DELETE', '/sandbox/faults?cluster=dev', admin)).status, 200);
      assert.equal((await call(sb, 'GET', '/api/v1/namespaces')).status, 200);

      sb.setFault('dev', { kind: 'latency', ms: 300, durationMs: 60_000 });
      const started = Date.now();
      assert.equal((await call(sb, 'GET', '/version')).status, 200);
      // A lower bound only: a loaded machine can make it slower, never faster.
      assert.ok(Date.now() - started >= 250, 'the answer is delayed by the latency fault');
    } finally {
      await sb.stop();
    }
  });

  it('writes the admin token beside the kubeconfig (0600) and adds users through the admin endpoint', async () => {
    const sb = await startTestSandbox(['dev', 'staging']);
    try {
      const file = `${sb.kubeconfigPath}.admin-token`;
      assert.equal(readFileSync(file, 'utf8').trim(), sb.adminToken);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(sb.kubeconfigPath).mode & 0o777, 0o600);

      const refused = await call(sb, 'POST', '/sandbox/users', { body: { name: 'bob' } });
      assert.equal(refused.status, 401, 'a cluster token cannot add users');
      const bad = await call(sb, 'POST', '/sandbox/users', {
        token: sb.adminToken,
        body: { groups: ['x'] },
      });
      assert.equal(bad.status, 400);
      assert.match(bad.json.message, /invalid user: name/);
      const added = await call(sb, 'POST', '/sandbox/users', {
        token: sb.adminToken,
        body: { name: 'bob', groups: ['ops'] },
      });
      assert.equal(added.status, 201);
      // The token works on every cluster, as bob, who has no bindings: RBAC refuses him.
      for (const cluster of [0, 1]) {
        const r = await call(sb, 'GET', '/api/v1/namespaces', { token: added.json.token }, cluster);
        assert.equal(r.status, 403);
        assert.match(r.json.message, /User "bob" cannot list resource "namespaces"/);
      }
      // A kubeconfig for that user, as the sandbox writes its own.
      const kubeconfig = sb.writeKubeconfig(path.join(tempDir(), 'bob'), added.json.token);
      const config = parse(readFileSync(kubeconfig, 'utf8'));
      assert.deepEqual(
        config.users.map((u: { user: { token: string } }) => u.user.token),
        [added.json.token, added.json.token],
      );
    } finally {
      await sb.stop();
    }
  });

  it('keeps objects, TLS material and tokens across a restart with a state dir', async () => {
    const state = tempDir();
    const first = await startTestSandbox(['dev'], state);
    await call(first, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { v: '1' } },
    });
    const token = first.clusters[0]!.token;
    const userToken = first.addUser({ name: 'alice' });
    await first.stop();
    assert.ok(existsSync(path.join(state, 'clusters', 'dev.json')));
    const second = await startTestSandbox(['dev'], state);
    try {
      assert.equal(second.clusters[0]!.token, token);
      const who = await call(second, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
        token: userToken,
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      });
      assert.equal(who.json.status.userInfo.username, 'alice', 'added users survive a restart');
      const kept = await call(second, 'GET', '/api/v1/namespaces/default/configmaps/kept');
      assert.equal(kept.status, 200);
      assert.equal(kept.json.data.v, '1');
    } finally {
      await second.stop();
    }
  });

  it('refuses bad cluster names and busy ports with a clear error', async () => {
    await assert.rejects(
      startSandbox({ clusters: ['Bad_Name'], kubeconfigPath: path.join(tempDir(), 'k') }),
      /invalid cluster name "Bad_Name"/,
    );
    const sb = await startTestSandbox();
    try {
      const port = Number(new URL(sb.clusters[0]!.url).port);
      await assert.rejects(
        startSandbox({
          clusters: ['x'],
          kubeconfigPath: path.join(tempDir(), 'k'),
          firstPort: port,
        }),
        /already in use/,
      );
    } finally {
      await sb.stop();
    }
  });

  it('runs as a CLI: one ready line, a working kubeconfig, clean stop on SIGTERM', async () => {
    const dir = tempDir();
    const kubeconfig = path.join(dir, 'kubeconfig');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'sandbox/cli.ts',
        '--clusters',
        'dev,staging',
        '--kubeconfig',
        kubeconfig,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      await waitFor(() => out.includes('\n'), 'the ready line', 60_000);
      assert.equal(out, `sandbox ready: ${kubeconfig}\n`);
      const config = parse(readFileSync(kubeconfig, 'utf8'));
      assert.deepEqual(
        config.contexts.map((c: { name: string }) => c.name),
        ['dev', 'staging'],
      );
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const bad = spawn(
      process.execPath,
      ['--import', 'tsx', 'sandbox/cli.ts', '--clusters', 'dev'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => bad.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--kubeconfig is required/);
  });
});
