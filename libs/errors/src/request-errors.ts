import { ErrorCode } from './error-codes';

/**
 * Fastify's refusals of a request it could not read, before any of our code
 * ran: the client's mistake, answered as such (the HTTP status Fastify chose,
 * 400, 413 or 415, stays on the response). Listed one by one, with our own
 * wording, because other Fastify errors with a 4xx status are our bugs
 * (a parser registered twice) and must stay internal.
 */
const REQUEST_ERRORS = new Map<string, string>([
  ['FST_ERR_CTP_INVALID_JSON_BODY', 'The request body is not valid JSON'],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', 'The request body is empty'],
  ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 'The request body does not match its Content-Length'],
  ['FST_ERR_CTP_BODY_TOO_LARGE', 'The request body is too large'],
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Content-Type'],
]);

export function requestClientError(error: unknown): { message: string; code: ErrorCode } | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) {
    return undefined;
  }
  const message = REQUEST_ERRORS.get(code);
  return message ? { message, code: ErrorCode.BAD_REQUEST } : undefined;
}
