// An Operation row as Prisma returns it.
import type { PrismaClient } from '@/lib/db';

export type TOperation = Awaited<ReturnType<PrismaClient['operation']['findUniqueOrThrow']>>;
