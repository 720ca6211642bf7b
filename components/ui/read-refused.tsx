import { EmptyState, Panel } from './panel';

/** A read the cluster (or a role) refused, with its reason: verb and resource, in the cluster's words. */
export function ReadRefused({ message }: { message: string }) {
  return (
    <Panel>
      <EmptyState title="You may not read this">
        <span data-testid="read-refused">{message}</span>
      </EmptyState>
    </Panel>
  );
}
