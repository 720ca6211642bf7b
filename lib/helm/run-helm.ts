// The one place that starts helm: spawn with an argument array (never a
// shell), an isolated environment, a hard timeout, values through a 0600
// temp file. Callers build `args` with the builders in args.ts. Helm never
// outlives this process (helm-processes.ts): its own process group, a death
// signal, and a registry entry while it runs.
import { spawn } from 'node:child_process';
import { DNS_LABEL } from '@/lib/config/primitives';
import { impersonationFlags, type THelmIdentity } from './args';
import { HelmCommandError, HelmInputError } from './errors';
import { helmChildEnv, IN_CLUSTER_CONTEXT } from './helm-env';
import { deathSignalPrefix, killHelmGroup, registerHelm } from './helm-processes';
import { resolveHelm, type THelmBinary } from './resolve-helm';
import { withValuesFile } from './values-file';

export type TRunHelmOptions = {
  kubeconfig?: string;
  /** kubeconfig context; "in-cluster" uses the service account instead. */
  kubeContext?: string;
  namespace?: string;
  /** Hard limit for the process; keep it above helm's own --timeout so helm can clean up first. */
  timeoutMs: number;
  /** Passed as one more --values file after the command's own, so it wins. */
  values?: object;
  /** Defaults to resolveHelm(). */
  helm?: THelmBinary;
  /** Run as this person (the cluster's `impersonate: true`); Helmdeck's credentials need the impersonate verb. */
  impersonate?: THelmIdentity;
  /** Live output, e.g. for operation progress. */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
};

export type THelmResult = { stdout: string; stderr: string; exitCode: number };

const MAX_OUTPUT = 64 * 1024 * 1024;

function checkArgs(args: readonly string[]): void {
  const sep = args.indexOf('--');
  for (const [i, a] of args.entries()) {
    if (typeof a !== 'string' || a.includes('\0'))
      throw new HelmInputError('helm arguments must be plain strings');
    if (sep >= 0 && i > sep && a.startsWith('-')) {
      throw new HelmInputError(`"${a.slice(0, 40)}" looks like a flag where a name is expected`);
    }
  }
}

/** Global flags, inserted before the `--` that ends a command's flags. */
export function withGlobalFlags(
  args: readonly string[],
  opts: TRunHelmOptions,
  valuesFile?: string,
): string[] {
  const flags: string[] = [];
  const inCluster = opts.kubeContext === IN_CLUSTER_CONTEXT;
  if (opts.kubeconfig && !inCluster) flags.push(`--kubeconfig=${opts.kubeconfig}`);
  if (opts.kubeContext && !inCluster) flags.push(`--kube-context=${opts.kubeContext}`);
  if (opts.namespace) flags.push(`--namespace=${opts.namespace}`);
  flags.push(...impersonationFlags(opts.impersonate));
  if (valuesFile) flags.push(`--values=${valuesFile}`);
  const sep = args.indexOf('--');
  return sep < 0 ? [...args, ...flags] : [...args.slice(0, sep), ...flags, ...args.slice(sep)];
}

function execHelm(helm: THelmBinary, args: string[], opts: TRunHelmOptions): Promise<THelmResult> {
  const [file, ...prefix] = [...deathSignalPrefix(), helm.path];
  const fail = (message: string, kind: 'failed' | 'timeout' = 'failed') =>
    new HelmCommandError(kind, message, undefined, undefined);
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(fail(`helm ${args[0]} was cancelled`));
    const child = spawn(file!, [...prefix, ...args], {
      env: helmChildEnv({ kubeContext: opts.kubeContext }) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      // A group of its own: a stop or a timeout ends helm and whatever it started, and a
      // terminal's Ctrl-C reaches Helmdeck alone (helm then dies with it, by the death signal).
      detached: true,
    });
    const unregister = child.pid !== undefined ? registerHelm(child.pid, args) : () => {};
    const out = { stdout: '', stderr: '', bytes: 0 };
    let stopped: HelmCommandError | undefined;
    // Stopped by us: SIGTERM lets helm clean up; whatever it started goes with it.
    const stop = (why: HelmCommandError) => {
      if (stopped || child.pid === undefined) return;
      stopped = why;
      const pid = child.pid;
      killHelmGroup(pid, 'SIGTERM');
      setTimeout(() => killHelmGroup(pid, 'SIGKILL'), 10_000).unref();
    };
    const timer = setTimeout(
      () =>
        stop(
          fail(
            `helm ${args[0]} did not finish within ${Math.round(opts.timeoutMs / 1000)}s and was stopped`,
            'timeout',
          ),
        ),
      opts.timeoutMs,
    );
    const onAbort = () => stop(fail(`helm ${args[0]} was cancelled`));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => {
        out.bytes += Buffer.byteLength(chunk);
        if (out.bytes > MAX_OUTPUT) return stop(fail(`helm ${args[0]} printed more than 64 MB`));
        out[stream] += chunk;
        opts.onOutput?.(chunk, stream);
      });
    }
    let settled = false;
    const settle = (result: THelmResult | HelmCommandError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      unregister();
      if (result instanceof HelmCommandError) reject(result);
      else resolve(result);
    };
    child.on('error', (e: NodeJS.ErrnoException) =>
      settle(fail(`helm could not be started (${String(e.code ?? 'unknown')})`)),
    );
    child.on('close', (code, signal) => {
      if (stopped) {
        if (child.pid !== undefined) killHelmGroup(child.pid, 'SIGKILL');
        return settle(stopped);
      }
      if (code === null)
        return settle(fail(`helm ${args[0]} was ended by ${signal ?? 'a signal'}`));
      settle({ stdout: out.stdout, stderr: out.stderr, exitCode: code });
    });
  });
}

/**
 * Runs helm and returns its output and exit code; a non-zero exit is not
 * thrown here (see commands.ts). Throws HelmInputError before running for
 * bad names, HelmCommandError on a timeout or when helm cannot start.
 */
export async function runHelm(args: string[], opts: TRunHelmOptions): Promise<THelmResult> {
  checkArgs(args);
  if (
    opts.namespace !== undefined &&
    (!DNS_LABEL.test(opts.namespace) || opts.namespace.length > 63)
  ) {
    throw new HelmInputError(
      `namespace "${opts.namespace.slice(0, 63)}" is not a valid Kubernetes namespace name`,
    );
  }
  if (
    opts.kubeContext !== undefined &&
    (opts.kubeContext === '' || opts.kubeContext.includes('\0'))
  ) {
    throw new HelmInputError('kube context must be a non-empty name');
  }
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0)
    throw new HelmInputError('timeoutMs must be positive');
  const helm = opts.helm ?? (await resolveHelm());
  if (opts.values === undefined) return execHelm(helm, withGlobalFlags(args, opts), opts);
  return withValuesFile(opts.values, (file) =>
    execHelm(helm, withGlobalFlags(args, opts, file), opts),
  );
}
