// Expected refusals of the write path, each an AppError with a message for the user.
import { ForbiddenError } from '@/lib/auth/errors';
import { AppError } from '@/lib/errors';

export { ForbiddenError };

/** The request was refused before anything ran; `problems` has one line per bad field. */
export class OperationInputError extends AppError {
  constructor(readonly problems: string[]) {
    const text =
      problems.length === 1
        ? (problems[0] ?? '')
        : `the request has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
    super('invalid', text, { problems });
    this.name = 'OperationInputError';
  }
}

/** Another operation holds the release; it names who and what. */
export class OperationInProgressError extends AppError {
  constructor(
    readonly operationId: number,
    kind: string,
    actor: string,
  ) {
    super('in_progress', `operation #${operationId} (${kind} by ${actor}) in progress`, {
      operationId,
    });
    this.name = 'OperationInProgressError';
  }
}
