import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode, internalClientError, toClientError } from '@lib/errors';
import { ExecutionResult, GraphQLError } from 'graphql';
import { coercionField } from './input/coercion-field';
import { withoutSuggestions } from './input/suggestions';

const logger = new Logger('GraphQL');

interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

export interface ErrorFormatOptions {
  /** The message of an unexpected error, as `extensions.debug` (never the stack): development only. */
  exposeInternals: boolean;
  /** Takes graphql-js's "Did you mean ...?" out of messages: while introspection is off, it would map the schema. */
  hideSuggestions: boolean;
  /**
   * The HTTP request (Node's), named in the log line of an unexpected error as
   * the access log names it (`req`: id, method, url): no request-scoped logger
   * adds it (see LoggingModule).
   */
  request?: unknown;
}

/**
 * Maps every error of a GraphQL response to the client contract. Business and
 * input errors keep their message and code; errors about the query itself keep
 * theirs; a request Fastify could not read (not JSON, too large, a content type
 * not taken) is BAD_REQUEST; anything else is logged and shown only as
 * "Internal server error", so no stack trace, SQL or internal message reaches
 * a client.
 */
export function formatGraphqlError(
  error: GraphQLError,
  { exposeInternals, hideSuggestions, request }: ErrorFormatOptions,
): FormattedError {
  const base = { locations: error.locations, path: error.path };
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    const ownCode = (original ?? error).extensions?.code;
    return {
      ...base,
      message: hideSuggestions ? withoutSuggestions(error.message) : error.message,
      extensions: { code: typeof ownCode === 'string' ? ownCode : ErrorCode.GRAPHQL_VALIDATION_FAILED },
    };
  }
  const known = toClientError(original);
  if (known) return { ...base, message: known.message, extensions: { code: known.code, ...known.extensions } };

  logger.error(
    { err: original, path: error.path, ...(request ? { req: request } : {}) },
    'Unhandled error in a GraphQL operation',
  );
  const internal = internalClientError();
  return {
    ...base,
    message: internal.message,
    extensions: { code: internal.code, ...(exposeInternals ? { debug: original.message } : {}) },
  };
}

/** The error our own code threw under the GraphQL errors graphql-js wraps it in (a scalar's refusal). */
function domainErrorUnder(error: unknown): DomainError | undefined {
  let cause = error instanceof GraphQLError ? error.originalError : undefined;
  while (cause instanceof GraphQLError) cause = cause.originalError;
  return cause instanceof DomainError ? cause : undefined;
}

/**
 * An error about the query itself (syntax, unknown field, over a limit, a
 * variable of the wrong type): its message is about the client's own text.
 * A value a scalar refused for what it means (a DateTime that does not exist)
 * is input, not query: it keeps the scalar's code and names the field.
 */
function queryError(
  error: { message: string; locations?: FormattedError['locations'] },
  { hideSuggestions }: ErrorFormatOptions,
): FormattedError {
  const message = hideSuggestions ? withoutSuggestions(error.message) : error.message;
  const refused = domainErrorUnder(error);
  const client = refused && toClientError(refused);
  if (client?.code === ErrorCode.BAD_USER_INPUT) {
    const field = coercionField(error as GraphQLError);
    const fields = field === undefined ? [] : [{ field, message: client.message }];
    return { message, locations: error.locations, extensions: { code: client.code, fields } };
  }
  return { message, locations: error.locations, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } };
}

export function formatGraphqlResponse(execution: ExecutionResult, options: ErrorFormatOptions) {
  const all = execution.errors ?? [];
  const errors = all.flatMap((error) => {
    // Mercurius reports a query that failed to parse or validate as one error holding the list.
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (Array.isArray(nested)) return nested.map((inner) => queryError(inner, options));
    return [formatGraphqlError(error, options)];
  });
  // A request that never reached execution carries its HTTP status (400, 413, 415); an executed one is 200.
  const requestStatus = (all[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  const statusCode = execution.data == null && typeof requestStatus === 'number' ? requestStatus : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
