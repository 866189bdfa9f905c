import {
  BREAK,
  DocumentNode,
  getNamedType,
  GraphQLSchema,
  isLeafType,
  Kind,
  OperationDefinitionNode,
  typeFromAST,
  visit,
} from 'graphql';

/** Directives graphql-jit applies its own way (in fragment spreads notably). */
const CONDITIONAL_DIRECTIVES = new Set(['skip', 'include']);
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/**
 * Where graphql-jit is known to answer as graphql-js does: one query (never a
 * mutation), variables of scalar or enum types without default values, no
 * @skip or @include, no introspection.
 *
 * - A mutation: graphql-js stops a mutation's fields at the first one that
 *   fails (a document of aliased `login`s is one guess for the sign-in
 *   throttle), while graphql-jit runs every field in turn whatever failed.
 * - Several operations: Mercurius caches one compiled query per document text
 *   and runs it whatever `operationName` a later request names.
 * - Variables: graphql-jit coerces them again with its own code, which
 *   refuses an omitted `$first: Int! = 20` that graphql-js fills with its
 *   default (and input objects bring more such cases).
 */
function compilable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || operations[0]!.operation !== 'query') return false;
  const plainVariables = (operations[0]!.variableDefinitions ?? []).every((variable) => {
    const type = typeFromAST(schema, variable.type);
    return !variable.defaultValue && type !== undefined && isLeafType(getNamedType(type));
  });
  if (!plainVariables) return false;
  let plain = true;
  visit(document, {
    Directive(node) {
      if (!CONDITIONAL_DIRECTIVES.has(node.name.value)) return undefined;
      plain = false;
      return BREAK;
    },
    Field(node) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return undefined;
      plain = false;
      return BREAK;
    },
  });
  return plain;
}

/** Mercurius keeps parsed documents (per query text), so each is judged once. */
const judged = new WeakMap<DocumentNode, boolean>();

/**
 * Mercurius `preExecution` hook: only a document graphql-jit runs exactly as
 * graphql-js (see compilable) may be compiled; any other runs on graphql-js,
 * as before. Returning the document unchanged is how a hook tells Mercurius
 * to neither compile nor run a compiled version of it.
 */
export async function keepJitToPlainQueries(
  schema: GraphQLSchema,
  document: DocumentNode,
): Promise<{ document: DocumentNode } | undefined> {
  let verdict = judged.get(document);
  if (verdict === undefined) {
    verdict = compilable(schema, document);
    judged.set(document, verdict);
  }
  return verdict ? undefined : { document };
}
