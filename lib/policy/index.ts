// Who may do what (pure; shared by server code and the UI).
export {
  decide,
  MUTATING_ACTIONS,
  POLICY_ACTIONS,
  type TPolicyAction,
  type TPolicyDecision,
  type TPolicyInput,
  type TPolicyTarget,
  type TPolicyUser,
  viewableEnvironments,
} from './decide';
export {
  assertSomeRole,
  assertView,
  inScope,
  mayView,
  NO_ROLE_MESSAGE,
  viewScope,
  visibleOnly,
  type TViewScope,
} from './read-access';
export {
  columnKey,
  overviewDeltaFor,
  overviewFor,
  releaseChangeFor,
  type THiddenColumns,
} from './visible-overview';
