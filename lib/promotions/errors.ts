// Refusals of a promotion, in the one error model: a gate is a conflict
// naming itself (and when it opens); another promotion is in progress.
import { AppError } from '@/lib/errors';

export type TPromotionRefusal = { gate: string; reason: string; opensAt?: Date };

export class PromotionGateError extends AppError {
  constructor(readonly refusals: TPromotionRefusal[]) {
    const opens = refusals.map((r) => r.opensAt?.getTime() ?? 0).filter((t) => t > 0);
    super('conflict', refusals.map((r) => `${r.gate}: ${r.reason}`).join('; '), {
      problems: refusals.map((r) => `${r.gate}: ${r.reason}`),
      opensAt: opens.length > 0 ? new Date(Math.max(...opens)).toISOString() : null,
    });
    this.name = 'PromotionGateError';
  }
}

export class PromotionInProgressError extends AppError {
  constructor(
    readonly promotionId: number,
    release: string,
  ) {
    super('in_progress', `promotion #${promotionId} of ${release} is in progress`);
    this.name = 'PromotionInProgressError';
  }
}
