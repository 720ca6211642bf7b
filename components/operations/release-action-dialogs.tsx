'use client';

import type { ReactNode } from 'react';
import { PromoteDialog } from '@/components/promotions/promote-dialog';
import type { TOperationKind } from '@/lib/operations/kinds/names';
import { RunDialog, UninstallDialog } from './confirm-dialogs';
import { DeployDialog } from './deploy-dialog';
import { RollbackDialog, type TRevisionChoice } from './rollback-dialog';
import type { TTarget } from './target';

type TDialogProps = {
  target: TTarget;
  current: number;
  revisions: TRevisionChoice[];
  /** Every revision, newest first, the current one too. */
  history?: TRevisionChoice[];
  onClose: () => void;
};

/**
 * The confirmation dialog of each operation kind on the release page. Every
 * kind has an entry (the type checker asks for one when a kind is added);
 * `null` for a kind that is started from its own page, not from here.
 */
export const KIND_DIALOGS: Record<TOperationKind, ((p: TDialogProps) => ReactNode) | null> = {
  install: (p) => <DeployDialog kind="install" target={p.target} onClose={p.onClose} />,
  upgrade: (p) => <DeployDialog kind="upgrade" target={p.target} onClose={p.onClose} />,
  rollback: (p) => (
    <RollbackDialog
      target={p.target}
      current={p.current}
      revisions={p.revisions}
      history={p.history}
      onClose={p.onClose}
    />
  ),
  uninstall: (p) => <UninstallDialog target={p.target} onClose={p.onClose} />,
  test: (p) => <RunDialog kind="test" target={p.target} onClose={p.onClose} />,
  recover: (p) => <RunDialog kind="recover" target={p.target} onClose={p.onClose} />,
  // A promotion into this release's environment (every cluster, in waves): the
  // pipeline page's dialog, which previews the build and each cluster's change.
  promote: (p) => (
    <PromoteDialog release={p.target.release} to={p.target.environment} onClose={p.onClose} />
  ),
  // Blue/green kinds start from the blue/green page.
  deploy_idle: null,
  test_idle: null,
  switch_traffic: null,
  switch_back: null,
  retire_colour: null,
  // Canary kinds start from the canary page.
  canary_start: null,
  canary_step: null,
  canary_promote: null,
  canary_abort: null,
  // Flags are set from the flags page.
  flag_set: null,
};

/** The dialog of one action kind. */
export function ConfirmKind({ kind, ...props }: TDialogProps & { kind: TOperationKind }) {
  return KIND_DIALOGS[kind]?.(props) ?? null;
}
