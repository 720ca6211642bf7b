// Starts hold-database.ts in a child process and waits for its JSON line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface THolder {
  child: ChildProcess;
  url: string;
  postmasterPid: number | undefined;
}

export async function spawnHolder(dataDir: string): Promise<THolder> {
  const script = path.join(import.meta.dirname, 'hold-database.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`hold-database exited with ${code} before starting`)),
    );
  });
  lines.close();
  const parsed = JSON.parse(first) as { url: string; postmasterPid?: number };
  return { child, url: parsed.url, postmasterPid: parsed.postmasterPid };
}

export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
