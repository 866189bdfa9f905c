import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { DocumentNode, GraphQLError, GraphQLSchema, Kind, validate, ValidationRule, visit } from 'graphql';
import { DocumentRefusedError } from './document-refused.error';

const PAGE_SIZES = new Set(['first', 'last']);

type Variables = Record<string, unknown> | undefined;

/** Each variable's default written in the document (`$first: Int = 50`). */
function variableDefaults(document: DocumentNode): Map<string, string> {
  const defaults = new Map<string, string>();
  visit(document, {
    VariableDefinition(node) {
      if (node.defaultValue?.kind === Kind.INT) defaults.set(node.variable.name.value, node.defaultValue.value);
    },
  });
  return defaults;
}

/** The document with every page size sent as a variable written in as its number; null when there is none. */
function withPageSizesWrittenIn(document: DocumentNode, variables: Variables): DocumentNode | null {
  const defaults = variableDefaults(document);
  let written = false;
  const priced = visit(document, {
    Argument(node) {
      if (!PAGE_SIZES.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
      const name = node.value.name.value;
      const sent = variables?.[name];
      const size = Number.isInteger(sent) ? String(sent) : defaults.get(name);
      if (size === undefined) return undefined;
      written = true;
      return { ...node, value: { kind: Kind.INT, value: size } };
    },
  });
  return written ? priced : null;
}

/**
 * Mercurius `preExecution` hook: the cost limit again, with the page sizes the
 * request sends as variables. The cost rule (graphql-armor) multiplies a
 * list's cost by its `first` only when the number is written in the query,
 * and validation, cached per query text, never sees variables: without this,
 * `candidates(first: $first)` was priced as one candidate whatever `$first`
 * held. Refused as the validation rule refuses: 400, the same message.
 */
export function refuseCostlyPages(maxCost: number) {
  const refusals = (schema: GraphQLSchema, document: DocumentNode): GraphQLError[] => {
    const found: GraphQLError[] = [];
    const rule = costLimitRule({
      maxCost,
      propagateOnRejection: false,
      onReject: [(_context: unknown, error: GraphQLError) => found.push(error)],
    }) as ValidationRule;
    validate(schema, document, [rule]);
    return found;
  };
  return async (
    schema: GraphQLSchema,
    document: DocumentNode,
    _context: unknown,
    variables: Variables,
  ): Promise<void> => {
    const priced = withPageSizesWrittenIn(document, variables);
    if (!priced) return;
    const found = refusals(schema, priced);
    if (found.length > 0) throw new DocumentRefusedError(found);
  };
}
