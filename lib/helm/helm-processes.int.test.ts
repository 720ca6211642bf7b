// Helm never outlives its starter. Where setpriv is missing (or a kill races
// the spawn) a helm can survive a SIGKILLed Helmdeck; the registry in the
// data dir finds it at the next start and ends it. The real helm case, a
// worker killed mid-upgrade, is in lib/operations/restart.int.test.ts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

const dataDir = mkdtempSync(path.join(tmpdir(), 'helmdeck-helm-registry-'));
process.env.HELMDECK_DATA_DIR = dataDir;
const { deathSignalPrefix, endLeftoverHelm, helmRegistryDir, isRunning, registerHelm } =
  await import('./helm-processes');
const T = { timeout: 60_000 };

after(() => rmSync(dataDir, { recursive: true, force: true }));

const running = (pid: number) => isRunning(pid);

describe('helm process registry', () => {
  test('helm is started under a death signal where setpriv exists', () => {
    if (process.platform === 'linux')
      assert.deepEqual(deathSignalPrefix().slice(1), ['--pdeathsig', 'SIGKILL', '--']);
  });

  test(
    'a helm left by a killed process is ended at the next start, and only that one',
    T,
    async () => {
      const starter = spawn(
        process.execPath,
        ['--import', 'tsx', 'lib/helm/testing/leave-helm.ts', 'helmdeck op #99 by test'],
        {
          env: { ...process.env, HELMDECK_DATA_DIR: dataDir },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const [chunk] = (await once(starter.stdout!, 'data')) as [Buffer];
      const orphan = Number(String(chunk).trim());
      // This process's own helm run is left alone.
      const mine = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
      const unlist = registerHelm(mine.pid!, ['status', '--', 'demo']);
      try {
        starter.kill('SIGKILL');
        await once(starter, 'exit');
        assert.ok(running(orphan), 'without a death signal the child outlives its starter');

        const ended = await endLeftoverHelm();
        assert.deepEqual(ended, [
          { pid: orphan, command: 'upgrade', description: 'helmdeck op #99 by test' },
        ]);
        assert.ok(!running(orphan), 'the leftover was ended');
        assert.ok(running(mine.pid!), "a live process's helm is not touched");
        assert.deepEqual(readdirSync(helmRegistryDir()), [`${mine.pid}.json`]);
      } finally {
        mine.kill('SIGKILL');
        unlist();
      }
    },
  );
});
