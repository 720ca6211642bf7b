// Who asks for an operation: a user with their role grants (and a name for messages).
import type { TPolicyUser } from '@/lib/policy';

export type TActor = TPolicyUser & { name?: string | null };
