// The one rule for an image tag, as an operation, a ticket and a promotion
// accept it: what a container registry allows (at most 128 characters).
import { z } from 'zod';

export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const IMAGE_TAG_RULE = 'an image tag: letters, digits, "_", "." and "-"';

export const ZImageTag = z.string().regex(IMAGE_TAG_PATTERN, IMAGE_TAG_RULE);
