// Expected failures of the write path, each with a message for the user.
import { ForbiddenError } from '@/lib/auth/errors';

export { ForbiddenError };

/** The request was refused before anything ran; `problems` has one line per bad field. */
export class OperationInputError extends Error {
  readonly userMessage: string;
  constructor(readonly problems: string[]) {
    const text =
      problems.length === 1
        ? (problems[0] ?? '')
        : `the request has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
    super(text);
    this.name = 'OperationInputError';
    this.userMessage = text;
  }
}

/** Another operation holds the release; it names who and what. */
export class OperationInProgressError extends Error {
  readonly userMessage: string;
  constructor(
    readonly operationId: number,
    kind: string,
    actor: string,
  ) {
    const text = `operation #${operationId} (${kind} by ${actor}) in progress`;
    super(text);
    this.name = 'OperationInProgressError';
    this.userMessage = text;
  }
}

/** The operation does not exist, or is not in a state that allows what was asked. */
export class OperationStateError extends Error {
  readonly userMessage: string;
  constructor(message: string) {
    super(message);
    this.name = 'OperationStateError';
    this.userMessage = message;
  }
}
