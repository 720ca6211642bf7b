/** A request the user can fix (duplicate email, unknown environment...); the message is shown as is. */
export class UserInputError extends Error {
  readonly userMessage: string;
  constructor(userMessage: string) {
    super(userMessage);
    this.name = 'UserInputError';
    this.userMessage = userMessage;
  }
}
