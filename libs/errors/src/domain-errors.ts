import { ErrorCode } from './error-codes';

/** One offending input field: its path in the input and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The base of every error that is safe to show a client: its message is written
 * for the client and its code is part of the contract. Anything else that is
 * thrown is an internal error and is never shown.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  extensions(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;

  constructor(
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }

  static forField(field: string, message: string): BadUserInputError {
    return new BadUserInputError(message, [{ field, message }]);
  }

  override extensions(): Record<string, unknown> {
    return { fields: this.fields };
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;

  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;

  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

/** Not there, or not yours to see: the two are indistinguishable on purpose. */
export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;

  constructor(what = 'Record') {
    super(`${what} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
}

export class TooManyRequestsError extends DomainError {
  readonly code = ErrorCode.TOO_MANY_REQUESTS;

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  override extensions(): Record<string, unknown> {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}
