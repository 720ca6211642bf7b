// helm commands as typed functions: build the arguments for the binary's
// major version, run, turn a non-zero exit into a named HelmCommandError,
// parse JSON output.
import { parseDuration } from '@/lib/config/primitives';
import * as build from './args';
import { classifyHelmFailure, type TFailureContext } from './errors';
import {
  parseHelmJson,
  ZHelmHistoryEntry,
  ZHelmListEntry,
  ZHelmRelease,
  type THelmHistoryEntry,
  type THelmListEntry,
  type THelmRelease,
} from './output';
import { resolveHelm, type THelmBinary } from './resolve-helm';
import { runHelm, type THelmResult, type TRunHelmOptions } from './run-helm';
import { z } from 'zod';

/** Where and with which helm a command runs. */
export type THelmTarget = Pick<
  TRunHelmOptions,
  'kubeconfig' | 'kubeContext' | 'namespace' | 'onOutput' | 'signal' | 'impersonate'
> & {
  helm?: THelmBinary;
};

const READ_TIMEOUT_MS = 60_000;
// helm's own --timeout first, so it can mark the release failed and roll back before we stop it.
const GRACE_MS = 60_000;

function processTimeout(helmTimeout: string | undefined): number {
  return (parseDuration(helmTimeout ?? '5m') ?? 300_000) + GRACE_MS;
}

async function run(
  target: THelmTarget,
  ctx: Omit<TFailureContext, 'kubeContext'>,
  args: (caps: THelmBinary) => string[],
  extra: { timeoutMs: number; values?: object },
): Promise<THelmResult> {
  const helm = target.helm ?? (await resolveHelm());
  const result = await runHelm(args(helm), { ...target, helm, ...extra });
  if (result.exitCode !== 0) {
    throw classifyHelmFailure(
      { ...ctx, kubeContext: target.kubeContext },
      result.stderr,
      result.exitCode,
    );
  }
  return result;
}

type TWithValues = { values?: object };

export async function helmInstall(
  target: THelmTarget,
  a: build.TInstallArgs & TWithValues,
): Promise<THelmRelease> {
  const ctx = { command: 'install', release: a.release, chart: a.chart };
  const r = await run(target, ctx, (h) => build.installArgs(h, a), {
    timeoutMs: processTimeout(a.timeout),
    values: a.values,
  });
  return parseHelmJson('install', r.stdout, ZHelmRelease);
}

export async function helmUpgrade(
  target: THelmTarget,
  a: build.TUpgradeArgs & TWithValues,
): Promise<THelmRelease> {
  const ctx = { command: 'upgrade', release: a.release, chart: a.chart };
  const r = await run(target, ctx, (h) => build.upgradeArgs(h, a), {
    timeoutMs: processTimeout(a.timeout),
    values: a.values,
  });
  return parseHelmJson('upgrade', r.stdout, ZHelmRelease);
}

/** Returns helm's confirmation line. */
export async function helmRollback(target: THelmTarget, a: build.TRollbackArgs): Promise<string> {
  const ctx = { command: 'rollback', release: a.release, revision: a.revision };
  const r = await run(target, ctx, (h) => build.rollbackArgs(h, a), {
    timeoutMs: processTimeout(a.timeout),
  });
  return r.stdout.trim();
}

export async function helmUninstall(target: THelmTarget, a: build.TUninstallArgs): Promise<string> {
  const ctx = { command: 'uninstall', release: a.release };
  const r = await run(target, ctx, (h) => build.uninstallArgs(h, a), {
    timeoutMs: processTimeout(a.timeout),
  });
  return r.stdout.trim();
}

/**
 * Runs the chart's test hooks. A failing test is a result (passed: false,
 * with helm's report and the test pods' logs), not an exception; an
 * unreachable cluster or unknown release still throws.
 */
export async function helmTest(
  target: THelmTarget,
  a: { release: string; timeout?: string; logs?: boolean; filter?: string[] },
): Promise<{ passed: boolean; output: string }> {
  const helm = target.helm ?? (await resolveHelm());
  const r = await runHelm(build.testArgs(helm, a), {
    ...target,
    helm,
    timeoutMs: processTimeout(a.timeout),
  });
  if (r.exitCode === 0) return { passed: true, output: r.stdout };
  const error = classifyHelmFailure(
    { command: 'test', release: a.release, kubeContext: target.kubeContext },
    r.stderr,
    r.exitCode,
  );
  const environmental = [
    'invalid-input',
    'binary',
    'release-not-found',
    'cluster-unreachable',
    'kube-context',
    'forbidden',
    'operation-in-progress',
  ];
  if (!environmental.includes(error.kind)) {
    const summary = error.detail ? `\n${error.detail}` : '';
    return { passed: false, output: `${r.stdout}${summary}` };
  }
  throw error;
}

export async function helmHistory(
  target: THelmTarget,
  a: { release: string; max?: number },
): Promise<THelmHistoryEntry[]> {
  const r = await run(
    target,
    { command: 'history', release: a.release },
    (h) => build.historyArgs(h, a),
    { timeoutMs: READ_TIMEOUT_MS },
  );
  return parseHelmJson('history', r.stdout, z.array(ZHelmHistoryEntry));
}

export async function helmStatus(
  target: THelmTarget,
  a: { release: string; revision?: number },
): Promise<THelmRelease> {
  const ctx = { command: 'status', release: a.release, revision: a.revision };
  const r = await run(target, ctx, (h) => build.statusArgs(h, a), { timeoutMs: READ_TIMEOUT_MS });
  return parseHelmJson('status', r.stdout, ZHelmRelease);
}

export async function helmList(
  target: THelmTarget,
  a: { allNamespaces?: boolean; filter?: string; max?: number } = {},
): Promise<THelmListEntry[]> {
  const r = await run(target, { command: 'list' }, (h) => build.listArgs(h, a), {
    timeoutMs: READ_TIMEOUT_MS,
  });
  return parseHelmJson('list', r.stdout, z.array(ZHelmListEntry));
}

export async function helmGetValues(
  target: THelmTarget,
  a: { release: string; revision?: number; all?: boolean },
): Promise<Record<string, unknown>> {
  const ctx = { command: 'get values', release: a.release, revision: a.revision };
  const r = await run(target, ctx, (h) => build.getValuesArgs(h, a), {
    timeoutMs: READ_TIMEOUT_MS,
  });
  // A release without user values prints "null".
  return parseHelmJson('get values', r.stdout, z.record(z.string(), z.unknown()).nullable()) ?? {};
}

export async function helmGetManifest(
  target: THelmTarget,
  a: { release: string; revision?: number },
): Promise<string> {
  const ctx = { command: 'get manifest', release: a.release, revision: a.revision };
  return (
    await run(target, ctx, (h) => build.getManifestArgs(h, a), { timeoutMs: READ_TIMEOUT_MS })
  ).stdout;
}

/** Renders a chart locally (no cluster). */
export async function helmTemplate(
  target: THelmTarget,
  a: Parameters<typeof build.templateArgs>[1] & TWithValues,
): Promise<string> {
  const ctx = { command: 'template', release: a.release, chart: a.chart };
  return (
    await run(target, ctx, (h) => build.templateArgs(h, a), {
      timeoutMs: READ_TIMEOUT_MS * 2,
      values: a.values,
    })
  ).stdout;
}

/** Lints a chart; findings are a result, not an exception. */
export async function helmLint(
  target: THelmTarget,
  a: { chart: string; valuesFiles?: string[]; strict?: boolean; values?: object },
): Promise<{ ok: boolean; output: string }> {
  const helm = target.helm ?? (await resolveHelm());
  const r = await runHelm(build.lintArgs(helm, a), {
    ...target,
    helm,
    timeoutMs: READ_TIMEOUT_MS * 2,
    values: a.values,
  });
  return { ok: r.exitCode === 0, output: r.stdout };
}

export async function helmShow(
  target: THelmTarget,
  a: { what: build.TShowWhat; chart: string; version?: string },
): Promise<string> {
  const ctx = { command: `show ${a.what}`, chart: a.chart };
  return (await run(target, ctx, (h) => build.showArgs(h, a), { timeoutMs: READ_TIMEOUT_MS * 2 }))
    .stdout;
}
