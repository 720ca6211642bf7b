// Deployment strategies against a cluster: blue/green routers and canary
// weights, always read back from the cluster objects themselves.
export {
  LIVE_COLOUR_ANNOTATION,
  LIVE_SINCE_ANNOTATION,
  readBlueGreenState,
  switchRouter,
  verifySwitch,
  type TBlueGreenState,
  type TColourState,
  type TSwitchResult,
  type TSwitchVerification,
} from './blue-green';
export {
  CANARY_ANNOTATION,
  CANARY_WEIGHT_ANNOTATION,
  canaryIngressName,
  canaryRelease,
  canaryServiceName,
  readCanaryTraffic,
  removeCanaryTraffic,
  setCanaryWeight,
  stableIngressName,
  type TCanaryTraffic,
} from './canary-ingress';
export { StrategyError, type TStrategyKube } from './kube-calls';
export { colourRelease, colourService, otherColour, readRouter, switchPatch } from './router';
