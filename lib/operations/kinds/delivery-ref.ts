// The promotion step a strategy kind was queued by. A step finds its
// operations again after a restart by params.stepId, so every kind a
// delivery strategy queues accepts these (a person's request leaves them out).
import { z } from 'zod';

export const ZDeliveryRef = {
  promotionId: z.number().int().positive().optional(),
  stepId: z.number().int().positive().optional(),
};
