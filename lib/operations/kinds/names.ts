// The names of the operation kinds. The database enum is where they are
// listed (an Operation row must hold one); the registry in ./index.ts is
// typed against it, so a kind in one and not the other does not compile.
// Pure: the policy, the UI and the audit filters import this, not the registry.
import { OperationKind } from '@/lib/generated/prisma/enums';

export type TOperationKind = OperationKind;

export const OPERATION_KINDS = Object.values(OperationKind) as readonly TOperationKind[];

export function isOperationKind(name: string): name is TOperationKind {
  return (OPERATION_KINDS as readonly string[]).includes(name);
}
