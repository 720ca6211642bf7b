// The one error type of Helmdeck: a code that says what kind of refusal it
// is (and so which HTTP status and which page message), and a message
// written for the user. Everything a user can act on is an AppError;
// anything else is a bug, logged with an id and shown as "something went wrong".

export const APP_ERROR_STATUS = {
  /** Bad input: the message (and `problems`) names the field and the rule. */
  invalid: 400,
  unauthenticated: 401,
  /** Policy refused: the user lacks the role. */
  forbidden: 403,
  not_found: 404,
  /** A gate or a state refused: ticket, freeze window, state transition. */
  conflict: 409,
  /** Another operation holds the release. */
  in_progress: 409,
  too_large: 413,
  /** A cluster or the database cannot answer now; try again. */
  unavailable: 503,
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_STATUS;

/** Facts a script or a page can branch on; they travel in the action result and the JSON answer. */
export type TErrorDetails = {
  problems?: string[];
  /** The operation holding the release (in_progress). */
  operationId?: number;
  /** The request parameter that broke a rule. */
  param?: string;
  notFound?: string;
  cluster?: string;
  /** The deployment gate's checklist and when its window opens. */
  checklist?: unknown;
  opensAt?: string | null;
};

// The production build can hold this module twice (instrumentation and the
// routes are bundled apart, and the read model lives on globalThis), so a
// NotFoundError made by one copy failed `instanceof AppError` of the other and
// answered 500. A process-wide brand makes the check hold across copies.
const BRAND = Symbol.for('helmdeck.app-error');

export class AppError extends Error {
  readonly userMessage: string;
  readonly [BRAND] = true;
  constructor(
    readonly code: TAppErrorCode,
    userMessage: string,
    readonly details: TErrorDetails = {},
  ) {
    super(userMessage);
    this.name = 'AppError';
    this.userMessage = userMessage;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep the ordinary prototype check; AppError itself goes by the brand.
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
