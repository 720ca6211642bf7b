/**
 * Interactive transaction limits for user and role changes. Prisma's 2 s/5 s
 * defaults fail on a loaded machine (CI, two cores, tests in parallel); the
 * work is small, so waiting longer is safe.
 */
export const TX_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;
