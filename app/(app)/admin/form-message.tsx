import type { TAdminFormState } from './actions';

export function FormMessage({ state }: { state: TAdminFormState }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-xs text-emerald-700">
      {state.data}
    </p>
  ) : (
    <p role="alert" className="text-xs text-rose-700">
      {state.error}
    </p>
  );
}
