'use client';

// The server actions of the pipeline and promotion pages. They live in app/
// (entry points); the layout hands them down through this context, so
// components/ never imports from app/.
import { createContext, useContext, type ReactNode } from 'react';
import type { TActionResult } from '@/lib/errors';
import type { TPromotionPreview } from '@/lib/promotions/preview-promotion';

export type TPromotionActions = {
  preview(input: unknown): Promise<TActionResult<TPromotionPreview>>;
  promote(input: unknown): Promise<TActionResult<{ id: number }>>;
  control(input: unknown): Promise<TActionResult<null>>;
  createTicket(input: unknown): Promise<TActionResult<{ id: number }>>;
};

const PromotionActions = createContext<TPromotionActions | null>(null);

export function PromotionActionsProvider({
  actions,
  children,
}: {
  actions: TPromotionActions;
  children: ReactNode;
}) {
  return <PromotionActions.Provider value={actions}>{children}</PromotionActions.Provider>;
}

export function usePromotionActions(): TPromotionActions {
  const actions = useContext(PromotionActions);
  if (!actions) throw new Error('PromotionActionsProvider is missing above this dialog');
  return actions;
}
