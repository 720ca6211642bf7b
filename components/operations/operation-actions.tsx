'use client';

// The server actions the operation dialogs call. They live in app/ (they
// are entry points); the page or layout hands them down through this
// context, so components/ never imports from app/.
import { createContext, useContext, type ReactNode } from 'react';
import type { TActionResult } from '@/lib/errors';
import type { TOperationPreview } from '@/lib/operations/operation-preview';
import type { TOperationView } from '@/lib/operations/operation-view';

export type TOperationActions = {
  request(input: unknown): Promise<TActionResult<TOperationView>>;
  preview(input: unknown): Promise<TActionResult<TOperationPreview>>;
};

const OperationActions = createContext<TOperationActions | null>(null);

export function OperationActionsProvider({
  actions,
  children,
}: {
  actions: TOperationActions;
  children: ReactNode;
}) {
  return <OperationActions.Provider value={actions}>{children}</OperationActions.Provider>;
}

export function useOperationActions(): TOperationActions {
  const actions = useContext(OperationActions);
  if (!actions) throw new Error('OperationActionsProvider is missing above this dialog');
  return actions;
}
