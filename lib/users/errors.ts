import { AppError } from '@/lib/errors';

/** A request the user can fix (duplicate email, unknown environment...); the message is shown as is. */
export class UserInputError extends AppError {
  constructor(userMessage: string) {
    super('invalid', userMessage);
    this.name = 'UserInputError';
  }
}
