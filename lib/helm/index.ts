// The helm CLI: binary resolution, the runner, typed commands, errors.
export * from './args';
export {
  helmPackage,
  helmPull,
  helmRepoIndex,
  packageArgs,
  pullArgs,
  repoIndexArgs,
  type TPackageArgs,
} from './chart-archive';
export { bundledToolPath, bundledToolsDir, type BundledTool } from './bundled-tools';
export * from './commands';
export * from './errors';
export { helmChildEnv, helmHomes, IN_CLUSTER_CONTEXT } from './helm-env';
export { endLeftoverHelm, helmRegistryDir, type TEndedHelm } from './helm-processes';
export * from './output';
export * from './resolve-helm';
export { runHelm, type THelmResult, type TRunHelmOptions } from './run-helm';
export { serialiseValues, withValuesFile } from './values-file';
