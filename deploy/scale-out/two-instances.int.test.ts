// Two Helmdeck instances on one Postgres, each in its own process with its
// own worker pool (as two replicas of the chart run): operations queued on
// either are spread over both, a release has one operation at a time across
// them, and either instance streams any operation's progress.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { createApiToken } from '@/lib/api-tokens';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { CHART, waitFor } from '@/lib/operations/testing/fixture';

const T = { timeout: 400_000 };
const RELEASES = ['alpha-members', 'alpha-search', 'alpha-billing'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-two-'));
const configPath = path.join(dir, 'helmdeck.yaml');
let sandbox: TSandbox;
let db: TTestDatabase;
let token = '';
const instances: { name: string; child: ChildProcess; worker: string; url: string }[] = [];

const config = `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    valuesFiles: [values.yaml, values-staging.yaml]
    timeout: 90s
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    valuesFiles: [values.yaml, values-prod.yaml]
    timeout: 90s
releases:
${RELEASES.map((r) => `  - { name: ${r}, chart: ${CHART}, promotion: [staging, production] }`).join('\n')}
allowedCharts: [${path.dirname(CHART)}/*]
`;

async function startInstance(name: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'instance-process.ts'),
      db.url,
      configPath,
      sandbox.kubeconfigPath,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += String(d)));
  const ready = await waitFor(`instance ${name} to start`, async () => {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode})`);
    return /ready (\S+) (\d+)/.exec(out);
  });
  instances.push({ name, child, worker: ready[1]!, url: `http://127.0.0.1:${ready[2]}` });
}

before(async () => {
  writeFileSync(configPath, config);
  sandbox = await startSandbox({
    clusters: ['staging', 'east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  db = await createTestDatabase({ asDefault: true });
  await db.prisma.user.create({ data: { id: 'u-rita', name: 'Rita', email: 'rita@example.com' } });
  for (const environment of ['staging', 'production'])
    await db.prisma.roleGrant.create({
      data: { userId: 'u-rita', role: 'release_manager', environment },
    });
  token = (await createApiToken({ userId: 'u-rita', name: 'ci' })).token;
  await Promise.all([startInstance('a'), startInstance('b')]);
});

after(async () => {
  for (const { child } of instances) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await db?.drop();
  await stopTestServer();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function queue(instance: string, body: object): Promise<Response> {
  const { url } = instances.find((i) => i.name === instance)!;
  return fetch(`${url}/api/v1/operations`, {
    method: 'POST',
    headers: auth(),
    body: JSON.stringify(body),
  });
}

type TStreamed = { states: string[]; lines: string[]; done: boolean };

/** Follows an operation's progress stream on `instance` until `done`. */
async function follow(instance: string, id: number): Promise<TStreamed> {
  const { url } = instances.find((i) => i.name === instance)!;
  const res = await fetch(`${url}/api/operations/${id}/stream`, { headers: auth() });
  assert.equal(res.status, 200);
  const seen: TStreamed = { states: [], lines: [], done: false };
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (event === 'update' && data) {
        const d = JSON.parse(data) as { operation: { state: string }; logs: { line: string }[] };
        seen.states.push(d.operation.state);
        seen.lines.push(...d.logs.map((l) => l.line));
      }
      if (event === 'done') seen.done = true;
    }
    if (seen.done) break;
  }
  return seen;
}

describe('two Helmdeck instances on one Postgres', () => {
  test(
    'installs queued on either instance run on both, one per release, and each instance streams every one of them',
    T,
    async () => {
      const targets = [
        ...RELEASES.map((release) => ({ environment: 'staging', cluster: 'staging', release })),
        ...RELEASES.map((release) => ({ environment: 'production', cluster: 'east', release })),
      ];
      const ids: number[] = [];
      const streams: Promise<TStreamed & { instance: string; id: number }>[] = [];
      const submit = async (via: string, target: (typeof targets)[number], imageTag: string) => {
        const res = await queue(via, { kind: 'install', ...target, params: { imageTag } });
        assert.equal(res.status, 202, await res.clone().text());
        const { operation } = (await res.json()) as { operation: { id: number } };
        ids.push(operation.id);
        for (const instance of ['a', 'b'])
          streams.push(
            follow(instance, operation.id).then((s) => ({ ...s, instance, id: operation.id })),
          );
        return operation.id;
      };
      // Four installs whose pods take seconds to get ready fill both instances' two workers each...
      for (const [i, target] of targets.slice(0, 4).entries())
        await submit(i % 2 === 0 ? 'a' : 'b', target, '2.3.0-slow');
      // ...so the fifth waits in the queue, and the other instance refuses a second operation on its release.
      const waiting = await submit('a', targets[4]!, '2.3.0');
      const second = await queue('b', {
        kind: 'install',
        ...targets[4],
        params: { imageTag: '2.3.1' },
      });
      assert.equal(second.status, 409, await second.clone().text());
      assert.match(((await second.json()) as { error: string }).error, new RegExp(`#${waiting}`));
      await submit('b', targets[5]!, '2.3.0');

      const followed = await Promise.all(streams);
      const ops = await db.prisma.operation.findMany({ where: { id: { in: ids } } });
      assert.deepEqual(
        ops.map((o) => o.state),
        ids.map(() => 'succeeded'),
      );
      const ranOn = new Map<number, string>();
      for (const id of ids) {
        const outcome = await db.prisma.auditRecord.findFirstOrThrow({
          where: { operationId: id, outcome: 'succeeded' },
        });
        ranOn.set(id, (outcome.details as { worker: string }).worker);
      }
      const workers = new Set(ranOn.values());
      assert.deepEqual(
        [...workers].sort(),
        instances.map((i) => i.worker).sort(),
        'both instances ran operations',
      );

      for (const s of followed) {
        assert.ok(s.done, `the stream of #${s.id} on ${s.instance} ended`);
        assert.equal(s.states.at(-1), 'succeeded');
        const worker = ranOn.get(s.id)!;
        assert.ok(
          s.lines.some((l) => l.startsWith(`worker ${worker} started install`)),
          `the stream of #${s.id} on ${s.instance} shows the progress of worker ${worker}`,
        );
        assert.ok(
          s.lines.some((l) => l.startsWith('succeeded')),
          `#${s.id} streamed its outcome`,
        );
      }
      const crossed = followed.filter(
        (s) => ranOn.get(s.id) !== instances.find((i) => i.name === s.instance)!.worker,
      );
      assert.ok(
        crossed.length >= ids.length,
        'every operation was streamed by the instance that did not run it',
      );
    },
  );
});
