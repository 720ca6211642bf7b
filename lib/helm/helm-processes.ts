// Keeps helm from outliving the process that started it. Each helm runs in a
// process group of its own, started through `setpriv --pdeathsig SIGKILL`
// where util-linux has it (the kernel kills helm the moment its parent dies,
// even of SIGKILL), and is listed in a registry in the data dir while it
// runs. At start-up, before operations are reconciled, any helm left behind
// by a dead process (no setpriv, or a kill that raced the spawn) is found in
// the registry and ended, so recovery never runs beside an old helm.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'];

let guard: string | null | undefined;

/** The command prefix that ties helm's life to ours: setpriv when present, else none. */
export function deathSignalPrefix(): string[] {
  if (process.platform !== 'linux') return [];
  guard ??= SETPRIV.find((p) => existsSync(p)) ?? null;
  return guard ? [guard, '--pdeathsig', 'SIGKILL', '--'] : [];
}

export function helmRegistryDir(): string {
  return path.resolve(env().HELMDECK_DATA_DIR, 'helm-processes');
}

type TEntry = {
  pid: number;
  /** /proc start time: the pid still names the same process only if it matches. */
  start: string | null;
  owner: number;
  ownerStart: string | null;
  command: string;
  /** helm's --description (names the operation) when it has one. */
  description: string | null;
  startedAt: string;
};

/** State and start time (clock ticks) from /proc/<pid>/stat; null when gone or not Linux. */
function procStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', start: fields[19] ?? '' };
  } catch {
    return null;
  }
}

export function processStart(pid: number): string | null {
  return procStat(pid)?.start ?? null;
}

/** Whether `pid` runs (a zombie has ended) and is still the process that had `start`. */
export function isRunning(pid: number, start: string | null = null): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  if (process.platform === 'linux' && (!stat || stat.state === 'Z')) return false;
  return start === null || stat?.start === start;
}

const ownStart = processStart(process.pid);

/** Lists a running helm; the returned function unlists it once it has exited. */
export function registerHelm(pid: number, args: readonly string[]): () => void {
  const dir = helmRegistryDir();
  const file = path.join(dir, `${pid}.json`);
  const description = args.find((a) => a.startsWith('--description='))?.slice(14) ?? null;
  const entry: TEntry = {
    pid,
    start: processStart(pid),
    owner: process.pid,
    ownerStart: ownStart,
    command: args[0] ?? '',
    description,
    startedAt: new Date().toISOString(),
  };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(entry) + '\n', { mode: 0o600 });
  } catch (e) {
    console.error(`[helm] could not list helm pid ${pid}: ${(e as Error).message}`);
  }
  return () => rmSync(file, { force: true });
}

/** Signals helm's whole process group (helm and anything it started). */
export function killHelmGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitGone(entry: TEntry, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (isRunning(entry.pid, entry.start)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export type TEndedHelm = { pid: number; command: string; description: string | null };

/**
 * Ends every listed helm whose starter is dead (SIGTERM to its group, then
 * SIGKILL) and drops stale entries. Helm runs of live processes are left alone.
 */
export async function endLeftoverHelm(): Promise<TEndedHelm[]> {
  const dir = helmRegistryDir();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const ended: TEndedHelm[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    let entry: TEntry;
    try {
      entry = JSON.parse(readFileSync(file, 'utf8')) as TEntry;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    // Its starter lives (this process included): the helm is in use.
    if (isRunning(entry.owner, entry.ownerStart)) continue;
    if (isRunning(entry.pid, entry.start)) {
      killHelmGroup(entry.pid, 'SIGTERM');
      if (!(await waitGone(entry, 10_000))) {
        killHelmGroup(entry.pid, 'SIGKILL');
        await waitGone(entry, 10_000);
      }
      console.error(
        `[helm] ended helm ${entry.command} (pid ${entry.pid}) left running by a dead process${entry.description ? `: ${entry.description}` : ''}`,
      );
      ended.push({ pid: entry.pid, command: entry.command, description: entry.description });
    }
    rmSync(file, { force: true });
  }
  return ended;
}
