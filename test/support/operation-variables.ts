import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import { deepSelection, operationDocument, RootField } from './operations';

/**
 * Variables for any operation of the schema, derived from its argument types:
 * every ID is asked of a `ValueSource` by the kind of record it names (a
 * GraphQL type name inferred from the argument or field name), the few
 * strings that name something (a week, a token) too; everything else gets a
 * value the API accepts (past dates where it wants the past, valid enums,
 * e-mails, non-empty text), so that the only reason left to refuse a call is
 * who owns the ids.
 */
export interface ValueSource {
  /** The record kinds the source has ids of (GraphQL type names), to match argument names against. */
  readonly kinds: readonly string[];
  /** An id of that kind, or of an unknown kind (undefined) named by `where`, e.g. "submitCandidate.input.positionId". */
  id(kind: string | undefined, where: string): string;
  /** A string that names something (weekStart, token...), or undefined for an ordinary valid text. */
  text?(name: string, where: string): string | undefined;
  /** An input object the source builds whole (e.g. LoginInput from someone's credentials), or undefined. */
  input?(typeName: string, where: string): Record<string, unknown> | undefined;
}

/** Argument names whose record kind the name alone does not tell. */
const ID_KINDS: Record<string, string> = {
  counselorId: 'User',
  assigneeId: 'User',
  userId: 'User',
  // The audit filter takes any record's id: a candidate's is as foreign as any.
  recordId: 'Candidate',
};

/** Output types that show the rows of another type: an `id` returning them names that type's rows. */
const SAME_ROWS: Record<string, string> = {
  PortalApplication: 'Application',
  PortalInterview: 'Interview',
  PortalFollowUp: 'FollowUp',
  WebhookWithSecret: 'Webhook',
};

/** The datetimes the API wants in the future; every other one ("occurredAt", "heldAt"...) must not be. */
const FUTURE_TIMES = new Set(['preferredTimes', 'promisedDecisionAt', 'newDecisionAt', 'resumeAt', 'slotAt']);

const HOUR_MS = 3_600_000;

function camelWords(name: string): string[] {
  return name.replace(/^./, (first) => first.toUpperCase()).match(/[A-Z][a-z0-9]*/g) ?? [];
}

/** The known kind named by the longest tail of these words: ["Interviewer", "Contact"] -> "EmployerContact". */
function kindByTail(words: string[], kinds: readonly string[]): string | undefined {
  for (let start = 0; start < words.length; start++) {
    const tail = words.slice(start).join('');
    const kind = kinds.find((known) => known === tail) ?? kinds.find((known) => known.endsWith(tail));
    if (kind) return kind;
  }
  return undefined;
}

/**
 * The kind of record an ID argument or input field names: from a table for the
 * few irregular names, from the name itself (`positionId`, `interviewerContactIds`),
 * and for a bare `id` from the operation's return type or, when it returns a
 * scalar, from its name (`removeWebhook` -> Webhook). Undefined when nothing fits.
 */
export function idKind(
  name: string,
  operation: GraphQLField<unknown, unknown>,
  kinds: readonly string[],
): string | undefined {
  if (ID_KINDS[name]) return ID_KINDS[name];
  const stem = /^(.+?)Ids?$/.exec(name)?.[1];
  if (stem) return kindByTail(camelWords(stem), kinds);
  if (name !== 'id') return undefined;
  const returned = getNamedType(operation.type);
  if (isObjectType(returned)) {
    const kind = SAME_ROWS[returned.name] ?? returned.name;
    if (kinds.includes(kind)) return kind;
  }
  // "removeMyReference": drop the verb, then the longest known tail.
  return kindByTail(camelWords(operation.name).slice(1), kinds);
}

/** Whether a value of this input type can hold an ID anywhere inside. */
export function carriesIds(type: GraphQLInputType, seen: Set<string> = new Set()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'ID';
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => carriesIds(field.type, seen));
}

let serial = 0;

/** An ordinary valid text for a field of that name. */
function ordinaryText(name: string): string {
  const unique = `${Date.now().toString(36)}-${++serial}`;
  switch (name) {
    case 'email':
    case 'adminEmail':
      return `matrix-${unique}@example.test`;
    case 'timezone':
      return 'Europe/London';
    case 'country':
      return 'GB';
    case 'url':
      return `https://hooks.example.test/matrix-${unique}`;
    case 'password':
    case 'adminPassword':
      return 'a long matrix passphrase';
    default:
      return `Matrix ${name} ${unique}`;
  }
}

function scalarValue(
  typeName: string,
  name: string,
  where: string,
  operation: GraphQLField<unknown, unknown>,
  source: ValueSource,
): unknown {
  switch (typeName) {
    case 'ID':
      return source.id(idKind(name, operation, source.kinds), where);
    case 'String':
      return source.text?.(name, where) ?? ordinaryText(name);
    case 'DateTime':
      return new Date(Date.now() + (FUTURE_TIMES.has(name) ? 48 : -1) * HOUR_MS).toISOString();
    case 'Int':
      return name === 'first' ? 20 : name === 'rating' || name === 'interestLevel' ? 3 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'JSONObject':
      return {};
    default:
      return source.text?.(name, where) ?? ordinaryText(name);
  }
}

function valueOf(
  type: GraphQLInputType,
  name: string,
  where: string,
  operation: GraphQLField<unknown, unknown>,
  source: ValueSource,
): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name, where, operation, source);
  if (isListType(type)) return [valueOf(type.ofType, name, `${where}[0]`, operation, source)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const whole = source.input?.(type.name, where);
    if (whole) return whole;
    // Required fields, and the optional ones that can carry an id: those are what isolation is about.
    const fields = Object.values(type.getFields()).filter(
      (field) => (isNonNullType(field.type) && field.defaultValue === undefined) || carriesIds(field.type),
    );
    return Object.fromEntries(
      fields.map((field) => [field.name, valueOf(field.type, field.name, `${where}.${field.name}`, operation, source)]),
    );
  }
  if (isScalarType(type)) return scalarValue(type.name, name, where, operation, source);
  throw new Error(`No value for ${String(type)} at ${where}`);
}

export interface VariableOptions {
  /** Leave out every optional argument, e.g. to list without a filter. */
  requiredOnly?: boolean;
}

/**
 * Variables for one root field: its required arguments (those with a default
 * left out) and, unless `requiredOnly`, the optional ones that can carry an id.
 */
export function variablesFor(
  operation: GraphQLField<unknown, unknown>,
  source: ValueSource,
  options: VariableOptions = {},
): Record<string, unknown> {
  const args = operation.args.filter(
    (arg) =>
      (isNonNullType(arg.type) && arg.defaultValue === undefined) || (!options.requiredOnly && carriesIds(arg.type)),
  );
  return Object.fromEntries(
    args.map((arg) => [arg.name, valueOf(arg.type, arg.name, `${operation.name}.${arg.name}`, operation, source)]),
  );
}

/** Whether the operation has an optional argument that can carry an id (a list filter). */
export function hasOptionalIdArguments(operation: GraphQLField<unknown, unknown>): boolean {
  return operation.args.some((arg) => !isNonNullType(arg.type) && carriesIds(arg.type));
}

/** The server's own limits (apps/api, graphql config defaults), checked here before a document is sent. */
function limitRules(maxDepth: number, maxCost: number): { rules: ValidationRule[]; rejected: () => boolean } {
  let rejected = false;
  const report = { propagateOnRejection: false, onReject: [() => (rejected = true)] };
  return {
    rules: [maxDepthRule({ n: maxDepth, ...report }), costLimitRule({ maxCost, ...report })] as ValidationRule[],
    rejected: () => rejected,
  };
}

/**
 * The document with the deepest selection (at most `deepest` object levels)
 * the server's depth and cost limits accept, so a successful response shows as
 * many of the ids it carries as a client could ask for.
 */
export function documentWithinLimits(
  schema: GraphQLSchema,
  root: RootField,
  limits: { maxDepth: number; maxCost: number } = { maxDepth: 10, maxCost: 5000 },
  deepest = 4,
): string {
  for (let depth = deepest; depth >= 0; depth--) {
    const document = operationDocument(root, deepSelection(root.field.type, depth));
    const check = limitRules(limits.maxDepth, limits.maxCost);
    const errors = validate(schema, parse(document), [...specifiedRules, ...check.rules]);
    if (errors.length === 0 && !check.rejected()) return document;
  }
  throw new Error(`No selection of ${root.name} fits the server's depth and cost limits`);
}
