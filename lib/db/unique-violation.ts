import { Prisma } from '../generated/prisma/client';

/**
 * True when Postgres refused a write for a duplicate key: P2002 from the
 * query builder, or a raw query's driver error carrying SQLSTATE 23505
 * (Prisma wraps those as P2010 and keeps the code in the adapter's cause).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (
    error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined
  )?.cause;
  return error.code === 'P2010' && cause?.originalCode === '23505';
}
