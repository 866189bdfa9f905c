import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { DocumentNode, GraphQLError, GraphQLSchema, Kind, validate, ValidationRule, visit } from 'graphql';
import { cachedIn } from '../cached-in';
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

/** The page size a variable stands for: the integer sent, else its default written in the document. */
function pageSize(name: string, variables: Variables, defaults: Map<string, string>): string | undefined {
  const sent = variables?.[name];
  return Number.isInteger(sent) ? String(sent) : defaults.get(name);
}

/** The document with every page size sent as a variable written in as its number; null when there is none. */
function withPageSizesWrittenIn(
  document: DocumentNode,
  variables: Variables,
  defaults: Map<string, string>,
): DocumentNode | null {
  let written = false;
  const priced = visit(document, {
    Argument(node) {
      if (!PAGE_SIZES.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
      const size = pageSize(node.value.name.value, variables, defaults);
      if (size === undefined) return undefined;
      written = true;
      return { ...node, value: { kind: Kind.INT, value: size } };
    },
  });
  return written ? priced : null;
}

/** What of a document its pricing depends on besides the variables, and the page sizes found within the limit. */
interface PageSizedDocument {
  /** The variables passed as `first` or `last`, once each: the only ones that change the price. */
  pageSizeVariables: string[];
  defaults: Map<string, string>;
  /** The keys (see sizesKey) of the page sizes this document was priced within the limit with. */
  accepted: Set<string>;
}

/**
 * Enough page sizes of one document to spare a client that pages through
 * sizes the pricing, without letting one that sends a new size each time
 * grow the memory: past it, new sizes are priced on every request.
 */
const ACCEPTED_SIZES_KEPT = 32;

function pageSizedDocument(document: DocumentNode): PageSizedDocument {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (PAGE_SIZES.has(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return { pageSizeVariables: [...names], defaults: variableDefaults(document), accepted: new Set() };
}

/**
 * One string per combination of page sizes (an integer's text never holds a
 * comma; an absent size is empty), or null when no size is known: the
 * document is then priced as validation priced it.
 */
function sizesKey(page: PageSizedDocument, variables: Variables): string | null {
  const sizes = page.pageSizeVariables.map((name) => pageSize(name, variables, page.defaults));
  return sizes.some((size) => size !== undefined) ? sizes.map((size) => size ?? '').join(',') : null;
}

/**
 * Mercurius `preExecution` hook: the cost limit again, with the page sizes the
 * request sends as variables. The cost rule (graphql-armor) multiplies a
 * list's cost by its `first` only when the number is written in the query,
 * and validation, cached per query text, never sees variables: without this,
 * `candidates(first: $first)` was priced as one candidate whatever `$first`
 * held. Refused as the validation rule refuses: 400, the same message.
 *
 * The price depends only on the document and its page sizes, and Mercurius
 * keeps parsed documents per query text, so a client repeating a query (the
 * counselor's dashboard) with sizes already found within the limit is not
 * priced again: validating it cost a third of a millisecond per request.
 * Refusals are priced every time, so that each carries its own errors.
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
  const documentsBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, PageSizedDocument>>();
  const pageSizedOf = (schema: GraphQLSchema, document: DocumentNode): PageSizedDocument => {
    const documents = cachedIn(documentsBySchema, schema, () => new WeakMap<DocumentNode, PageSizedDocument>());
    return cachedIn(documents, document, () => pageSizedDocument(document));
  };
  return async (
    schema: GraphQLSchema,
    document: DocumentNode,
    _context: unknown,
    variables: Variables,
  ): Promise<void> => {
    const page = pageSizedOf(schema, document);
    const key = sizesKey(page, variables);
    if (key === null || page.accepted.has(key)) return;
    const priced = withPageSizesWrittenIn(document, variables, page.defaults)!;
    const found = refusals(schema, priced);
    if (found.length > 0) throw new DocumentRefusedError(found);
    if (page.accepted.size < ACCEPTED_SIZES_KEPT) page.accepted.add(key);
  };
}
