// The operation-kind registry: one entry per kind, typed against the
// database enum, so a kind missing here (or there) does not compile. Every
// list of kinds (policy actions, gate classes, the UI's kind type) comes
// from this registry or from ./names, which lists the same kinds.
import { canaryAbort } from './canary-abort';
import { canaryPromote } from './canary-promote';
import { canaryStart } from './canary-start';
import { canaryStep } from './canary-step';
import { deployIdle } from './deploy-idle';
import { flagSet } from './flag-set';
import { install } from './install';
import type { TGateClass, TOperationKindDef } from './kind';
import type { TOperationKind } from './names';
import { promote } from './promote';
import { recover } from './recover';
import { retireColour } from './retire-colour';
import { rollback } from './rollback';
import { switchBack } from './switch-back';
import { switchTraffic } from './switch-traffic';
import { test } from './test';
import { testIdle } from './test-idle';
import { uninstall } from './uninstall';
import { upgrade } from './upgrade';

// Each kind has its own params type; the registry only fixes that every kind is there, under its name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TRegistry = { [K in TOperationKind]: TOperationKindDef<K, any> };

export const KINDS = {
  install,
  upgrade,
  rollback,
  uninstall,
  test,
  recover,
  promote,
  deploy_idle: deployIdle,
  test_idle: testIdle,
  switch_traffic: switchTraffic,
  switch_back: switchBack,
  retire_colour: retireColour,
  canary_start: canaryStart,
  canary_step: canaryStep,
  canary_promote: canaryPromote,
  canary_abort: canaryAbort,
  flag_set: flagSet,
} satisfies TRegistry;

/** The definition of a kind, with its params loosely typed (they come from a request or a row). */
export function kindOf(name: TOperationKind): TOperationKindDef<TOperationKind, unknown> {
  return KINDS[name] as unknown as TOperationKindDef<TOperationKind, unknown>;
}

/** Kinds of one gate class, in registry order. */
export function kindsWithGate(gate: TGateClass): TOperationKind[] {
  return (Object.keys(KINDS) as TOperationKind[]).filter((k) => KINDS[k].gate === gate);
}

/** Kinds that put back what already ran: exempt from tickets and freeze windows. */
export const RESTORE_KINDS: readonly TOperationKind[] = kindsWithGate('restore');
/** Kinds that need an approved change ticket where the environment requires one. */
export const TICKET_KINDS: readonly TOperationKind[] = kindsWithGate('ticket');

export { defineKind } from './kind';
export type * from './kind';
export { isOperationKind, OPERATION_KINDS, type TOperationKind } from './names';
