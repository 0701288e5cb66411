/**
 * The errors a user can cause and fix. Both become one line naming the input and what to do, and exit code 2;
 * anything else is an internal error.
 */

/** Bad input a user can fix (a file that is not evidence, a database that is not ours). */
export class InputError extends Error {
  constructor(
    message: string,
    readonly input?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** A usage mistake the user can fix (bad flag value, unknown rule id). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
