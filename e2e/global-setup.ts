import type { FullConfig } from '@playwright/test';

/**
 * Runs once the web server answers: the journeys need its database, so a
 * server whose readiness reports the database down stops the run here with
 * that reason instead of as a string of sign-in failures.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('e2e: no baseURL configured');
  const response = await fetch(`${baseURL}/api/health?probe=ready`);
  const body = (await response.json()) as { checks?: { database?: string } };
  if (body.checks?.database !== 'ok') {
    throw new Error(`e2e: the server's database is not ready: ${JSON.stringify(body)}`);
  }
}
