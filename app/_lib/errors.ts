import 'server-only';
import { randomBytes } from 'node:crypto';

/** Errors written for the user carry `userMessage` (ForbiddenError, UserInputError...). */
export function userMessageOf(error: unknown): string | undefined {
  if (error instanceof Error && 'userMessage' in error && typeof error.userMessage === 'string') {
    return error.userMessage;
  }
  return undefined;
}

/** Logs an unexpected error with a short id the user can quote; returns the id. */
export function reportError(error: unknown, where: string): string {
  const id = randomBytes(4).toString('hex');
  console.error(`[helmdeck] error ${id} in ${where}:`, error);
  return id;
}

/** The message shown for an error: its own when written for the user, else a reference id. */
export function messageForUser(error: unknown, where: string): string {
  return userMessageOf(error) ?? `Something went wrong (${reportError(error, where)}).`;
}
