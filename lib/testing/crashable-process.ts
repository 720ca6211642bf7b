// A tsx script run in its own process group, so a test can SIGKILL it (and
// the helm children it started) the way a crash or an OOM kill ends it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { waitFor } from './wait-for';

const started: ChildProcess[] = [];

/** Starts `script` with `args` and waits until it prints "ready" on stdout. */
export async function startCrashable(
  script: string,
  args: string[],
  what = 'the worker process',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += String(d)));
  await waitFor(
    `${what} to start`,
    async () =>
      out.includes('ready') ||
      (child.exitCode !== null && Promise.reject(new Error(`${what} exited`))),
  );
  return child;
}

/** SIGKILLs the process group and waits until the process is gone. */
export async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

/** For `after`: kills whatever a test left running. */
export function killCrashables(): void {
  for (const c of started.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
  }
}
