import { Logger } from '@nestjs/common';
import { ErrorCode, internalClientError, toClientError } from '@lib/errors';
import { ExecutionResult, GraphQLError } from 'graphql';

const logger = new Logger('GraphQL');

interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

/**
 * Maps every error of a GraphQL response to the client contract. Business and
 * input errors keep their message and code; errors about the query itself keep
 * theirs; anything else is logged and shown only as "Internal server error",
 * so no stack trace, SQL or internal message reaches a client.
 */
export function formatGraphqlError(error: GraphQLError, exposeInternals: boolean): FormattedError {
  const base = { locations: error.locations, path: error.path };
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    const ownCode = (original ?? error).extensions?.code;
    return {
      ...base,
      message: error.message,
      extensions: { code: typeof ownCode === 'string' ? ownCode : ErrorCode.GRAPHQL_VALIDATION_FAILED },
    };
  }
  const known = toClientError(original);
  if (known) return { ...base, message: known.message, extensions: { code: known.code, ...known.extensions } };

  logger.error({ err: original, path: error.path }, 'Unhandled error in a GraphQL operation');
  const internal = internalClientError();
  return {
    ...base,
    message: internal.message,
    extensions: { code: internal.code, ...(exposeInternals ? { debug: original.message } : {}) },
  };
}

/** An error about the query itself (syntax, unknown field, over a limit): its message is about the client's own text. */
function queryError(error: { message: string; locations?: FormattedError['locations'] }): FormattedError {
  return {
    message: error.message,
    locations: error.locations,
    extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
  };
}

export function formatGraphqlResponse(execution: ExecutionResult, exposeInternals: boolean) {
  const all = execution.errors ?? [];
  const errors = all.flatMap((error) => {
    // Mercurius reports a query that failed to parse or validate as one error holding the list.
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (Array.isArray(nested)) return nested.map(queryError);
    return [formatGraphqlError(error, exposeInternals)];
  });
  // A request that never reached execution carries its HTTP status (400); an executed one is 200.
  const requestStatus = (all[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  const statusCode = execution.data == null && typeof requestStatus === 'number' ? requestStatus : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
