// Pre-deploy checklist and post-deploy verification, over helm and the Kubernetes API.
export { chartArchiveFiles, chartHas } from './chart-files';
export {
  parseManifests,
  parseQuantity,
  podTemplates,
  references,
  resourceTotals,
  selectorMatches,
} from './manifests';
export { runPreDeployChecks, type TPreDeployInput } from './pre-deploy';
export { serviceProxyGet } from './service-proxy';
export { blockingFailures, type TCheckItem, type TCheckVerdict } from './types';
export { verifyDeployment, type TVerifyInput } from './verify';
