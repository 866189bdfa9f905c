import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-errors';
import { ErrorCode } from './error-codes';
import { requestClientError } from './request-errors';

export interface ClientError {
  message: string;
  code: ErrorCode;
  extensions: Record<string, unknown>;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
};

const INTERNAL: ClientError = {
  message: 'Internal server error',
  code: ErrorCode.INTERNAL_SERVER_ERROR,
  extensions: {},
};

/**
 * The one place where a thrown error becomes what a client sees. Returns
 * `undefined` for an error that is not ours to show, which callers log and
 * replace with a generic internal error.
 */
export function toClientError(error: unknown): ClientError | undefined {
  if (error instanceof DomainError) {
    return { message: error.message, code: error.code, extensions: error.extensions() };
  }
  if (error instanceof HttpException) {
    const code = HTTP_STATUS_CODES[error.getStatus()];
    if (code === ErrorCode.UNAUTHENTICATED) return { message: 'Authentication required', code, extensions: {} };
    if (code === ErrorCode.FORBIDDEN) return { message: 'You are not allowed to do this', code, extensions: {} };
    if (code) return { message: error.message, code, extensions: {} };
  }
  const request = requestClientError(error);
  return request && { ...request, extensions: {} };
}

export function internalClientError(): ClientError {
  return { ...INTERNAL, extensions: {} };
}
