// Runs once when the Next server starts, before it serves a request: the
// configuration must be valid and the database up and migrated, else the
// process stops with a message naming the cause and the fix.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself; the edge runtime has neither Postgres nor a file system.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startHelmdeck } = await import('./app/_lib/startup');
  await startHelmdeck();
}
