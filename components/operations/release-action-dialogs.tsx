'use client';

import { RunDialog, UninstallDialog } from './confirm-dialogs';
import { DeployDialog } from './deploy-dialog';
import type { TActionKind } from './release-actions';
import { RollbackDialog, type TRevisionChoice } from './rollback-dialog';
import type { TTarget } from './target';

/** The dialog of one action kind. */
export function ConfirmKind({
  kind,
  target,
  current,
  revisions,
  onClose,
}: {
  kind: TActionKind;
  target: TTarget;
  current: number;
  revisions: TRevisionChoice[];
  onClose: () => void;
}) {
  switch (kind) {
    case 'upgrade':
    case 'install':
      return <DeployDialog kind={kind} target={target} onClose={onClose} />;
    case 'rollback':
      return (
        <RollbackDialog target={target} current={current} revisions={revisions} onClose={onClose} />
      );
    case 'uninstall':
      return <UninstallDialog target={target} onClose={onClose} />;
    default:
      return <RunDialog kind={kind} target={target} onClose={onClose} />;
  }
}
