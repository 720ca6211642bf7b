// Runs the real helm binaries against a sandbox cluster for the conformance
// tests and the benchmark: argument arrays only, a private helm home.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { bundledToolPath } from '@/lib/helm/bundled-tools';

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HelmTarget {
  tool: 'helm' | 'helm3';
  kubeconfig: string;
  context: string;
  /** Directory for HELM_CONFIG_HOME / HELM_CACHE_HOME / HELM_DATA_HOME. */
  home: string;
}

/** `helm <args> --kubeconfig … --kube-context …`; flags before `--`, positionals after. */
export function runHelm(
  target: HelmTarget,
  flags: string[],
  positionals: string[] = [],
  timeoutMs = 180_000,
): Promise<HelmResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KUBECONFIG;
  for (const [name, dir] of [
    ['HELM_CONFIG_HOME', 'config'],
    ['HELM_CACHE_HOME', 'cache'],
    ['HELM_DATA_HOME', 'data'],
  ] as const) {
    env[name] = path.join(target.home, dir);
    mkdirSync(env[name]!, { recursive: true });
  }
  const args = [...flags, '--kubeconfig', target.kubeconfig, '--kube-context', target.context];
  if (positionals.length) args.push('--', ...positionals);
  return new Promise((resolve) => {
    execFile(
      bundledToolPath(target.tool),
      args,
      { env, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
