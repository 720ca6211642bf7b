// Benchmark: a helm install + upgrade + rollback cycle against the sandbox,
// beside `helm version` in the same run, for helm 4 and helm 3. Prints
// medians and ratios to `helm version`; the sandbox should not be the
// bottleneck (a command that waits for nothing < 1.5x `helm version`).
// Run: npx tsx bench/sandbox-helm.ts [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox/index';
import { runHelm, type HelmTarget } from '../sandbox/test/helm-run';

const CHART = path.resolve('sandbox/test/charts/conformance');
const rounds = Number(process.argv[2] ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timed(
  target: HelmTarget,
  flags: string[],
  positionals: string[] = [],
): Promise<number> {
  const start = performance.now();
  const result = await runHelm(target, flags, positionals);
  const ms = performance.now() - start;
  if (result.code !== 0) throw new Error(`helm ${flags.join(' ')} failed: ${result.stderr}`);
  return ms;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'bench-helm-'));
const sandbox = await startSandbox({
  clusters: ['bench'],
  kubeconfigPath: path.join(tmp, 'kubeconfig'),
});
try {
  for (const tool of ['helm', 'helm3'] as const) {
    const target: HelmTarget = {
      tool,
      kubeconfig: sandbox.kubeconfigPath,
      context: 'bench',
      home: path.join(tmp, tool),
    };
    const ns = `bench-${tool}`;
    const samples: Record<string, number[]> = {};
    const serverMs: Record<string, number[]> = {};
    // Each command's wall time, and the part of it the sandbox spent answering requests.
    const add = async (name: string, run: Promise<number>) => {
      const before = sandbox.requestStats('bench').busyMs;
      const ms = await run;
      (samples[name] ??= []).push(ms);
      (serverMs[name] ??= []).push(sandbox.requestStats('bench').busyMs - before);
    };
    await timed(target, ['version']); // warm the binary into the page cache
    for (let i = 0; i < rounds; i += 1) {
      const release = `r${i}`;
      await add('version', timed(target, ['version']));
      await add(
        'install --wait',
        timed(
          target,
          ['install', '--wait', '--create-namespace', '-n', ns, '--timeout', '60s'],
          [release, CHART],
        ),
      );
      await add(
        'upgrade --wait (new image)',
        timed(
          target,
          ['upgrade', '--wait', '-n', ns, '--timeout', '60s', '--set', 'image.tag=v2'],
          [release, CHART],
        ),
      );
      await add(
        'upgrade --wait (no change)',
        timed(
          target,
          ['upgrade', '--wait', '-n', ns, '--timeout', '60s', '--reuse-values'],
          [release, CHART],
        ),
      );
      // Waits for nothing: no hook Job to run, every object already converged.
      await add(
        'upgrade --wait --no-hooks (no change)',
        timed(
          target,
          ['upgrade', '--wait', '--no-hooks', '-n', ns, '--timeout', '60s', '--reuse-values'],
          [release, CHART],
        ),
      );
      await add(
        'rollback --wait',
        timed(target, ['rollback', '--wait', '-n', ns, '--timeout', '60s'], [release, '1']),
      );
      await add('status -o json', timed(target, ['status', '-n', ns, '-o', 'json'], [release]));
      await add('list -A', timed(target, ['list', '-A', '-o', 'json']));
      await add('history -o json', timed(target, ['history', '-n', ns, '-o', 'json'], [release]));
      await add('uninstall', timed(target, ['uninstall', '-n', ns, '--timeout', '60s'], [release]));
    }
    const base = median(samples.version ?? []);
    console.log(`\n${tool === 'helm' ? 'helm 4.1.4' : 'helm 3.17.3'} — median of ${rounds} rounds`);
    for (const [name, values] of Object.entries(samples)) {
      const server = median(serverMs[name] ?? []);
      console.log(
        `  ${name.padEnd(40)} ${median(values).toFixed(0).padStart(6)} ms   ${(median(values) / base).toFixed(2)}x helm version   sandbox busy ${server.toFixed(0).padStart(4)} ms (${((100 * server) / median(values)).toFixed(0)}%)`,
      );
    }
  }
  console.log(
    "\nUpgrades run the chart's pre-upgrade hook Job (a sandbox pod runs 0.3 s); --no-hooks shows the cost without it.",
  );
  console.log(
    'A helm 3 --wait that missed its first readiness poll would take 2 s or more: install figures below that mean the controllers had converged.',
  );
} finally {
  await sandbox.stop();
  rmSync(tmp, { recursive: true, force: true });
}
