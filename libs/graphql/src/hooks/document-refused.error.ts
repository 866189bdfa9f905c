import { GraphQLError } from 'graphql';

/**
 * Shaped like Mercurius's own validation error (an HTTP status and the list
 * of GraphQL errors), so that a document a hook refuses is answered like any
 * document that failed validation: 400, GRAPHQL_VALIDATION_FAILED.
 */
export class DocumentRefusedError extends Error {
  readonly statusCode = 400;

  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((error) => error.message).join('\n'));
  }
}
