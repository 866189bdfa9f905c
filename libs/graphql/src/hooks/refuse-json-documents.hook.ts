import { DocumentNode, GraphQLError, Location } from 'graphql';
import { DocumentRefusedError } from './document-refused.error';

/**
 * Mercurius `preValidation` hook. When a query text does not parse as
 * GraphQL, Mercurius tries it as JSON and runs the result as a ready-made
 * syntax tree (there is no option to turn that off): a client could send any
 * tree, and a malformed one (a number, a broken node) fails inside graphql-js
 * as an internal error. Only documents made by graphql-js's parser carry a
 * `Location` (the API never parses with `noLocation`); anything else is
 * refused as the syntax error it is.
 */
export async function refuseJsonDocuments(_schema: unknown, document: DocumentNode): Promise<void> {
  if ((document as Partial<DocumentNode> | null)?.loc instanceof Location) return;
  throw new DocumentRefusedError([
    new GraphQLError('Syntax Error: the query must be the text of a GraphQL document, not JSON.'),
  ]);
}
