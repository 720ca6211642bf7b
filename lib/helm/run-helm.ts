// The one place that starts helm: execFile with an argument array (never a
// shell), an isolated environment, a hard timeout, values through a 0600
// temp file. Callers build `args` with the builders in args.ts.
import { execFile } from 'node:child_process';
import { DNS_LABEL } from '@/lib/config/primitives';
import { impersonationFlags, type THelmIdentity } from './args';
import { HelmCommandError, HelmInputError } from './errors';
import { helmChildEnv, IN_CLUSTER_CONTEXT } from './helm-env';
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
  return new Promise((resolve, reject) => {
    const child = execFile(
      helm.path,
      args,
      {
        env: helmChildEnv({ kubeContext: opts.kubeContext }) as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: opts.timeoutMs,
        killSignal: 'SIGTERM',
        maxBuffer: MAX_OUTPUT,
        signal: opts.signal,
        windowsHide: true,
      },
      (error: Error | null, stdout: string, stderr: string) => {
        if (!error) return resolve({ stdout, stderr, exitCode: 0 });
        const e = error as NodeJS.ErrnoException & {
          killed?: boolean;
          signal?: string;
          code?: unknown;
        };
        if (e.name === 'AbortError') {
          return reject(
            new HelmCommandError('failed', `helm ${args[0]} was cancelled`, undefined, undefined),
          );
        }
        if (e.killed || e.signal) {
          const message = `helm ${args[0]} did not finish within ${Math.round(opts.timeoutMs / 1000)}s and was stopped`;
          return reject(new HelmCommandError('timeout', message, undefined, undefined));
        }
        if (typeof e.code === 'number') return resolve({ stdout, stderr, exitCode: e.code });
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return reject(
            new HelmCommandError(
              'failed',
              `helm ${args[0]} printed more than 64 MB`,
              undefined,
              undefined,
            ),
          );
        }
        reject(
          new HelmCommandError(
            'failed',
            `helm could not be started (${String(e.code ?? 'unknown')})`,
            undefined,
            undefined,
          ),
        );
      },
    );
    if (opts.onOutput) {
      const onOutput = opts.onOutput;
      child.stdout?.on('data', (d: Buffer | string) => onOutput(String(d), 'stdout'));
      child.stderr?.on('data', (d: Buffer | string) => onOutput(String(d), 'stderr'));
    }
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
