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
