// What a confirmation dialog shows before an operation runs.
import type { TReleaseDiff } from '@/lib/releases/diff';
import type { TOperationKind } from './kinds/names';

export type TOperationPreview = TReleaseDiff & { kind: TOperationKind };
