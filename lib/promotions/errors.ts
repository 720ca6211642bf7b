// Refusals of a promotion, each with a message for the user.

/** A gate refused: it names the gate and, where known, when it opens. */
export class PromotionGateError extends Error {
  readonly userMessage: string;
  constructor(readonly refusals: Array<{ gate: string; reason: string; opensAt?: Date }>) {
    const text = refusals.map((r) => `${r.gate}: ${r.reason}`).join('; ');
    super(text);
    this.name = 'PromotionGateError';
    this.userMessage = text;
  }
}

/** Another promotion of the release is under way. */
export class PromotionInProgressError extends Error {
  readonly userMessage: string;
  constructor(
    readonly promotionId: number,
    release: string,
  ) {
    const text = `promotion #${promotionId} of ${release} is in progress`;
    super(text);
    this.name = 'PromotionInProgressError';
    this.userMessage = text;
  }
}
