import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  astFromValue,
  buildSchema,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  print,
} from 'graphql';

export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  document: string;
  variables: Record<string, unknown>;
}

export function committedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
}

/** A value GraphQL accepts for a type: required input fields filled, the rest left out. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sample(field.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date(0).toISOString();
      default:
        return 'x';
    }
  }
  throw new Error(`No sample for ${String(type)}`);
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isObjectType(named) || isUnionType(named) ? ' { __typename }' : '';
}

/** Every query and mutation of the schema, callable with well-typed placeholder arguments. */
export function everyOperation(schema: GraphQLSchema = committedSchema()): Operation[] {
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => {
      const declarations = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const uses = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      return {
        kind,
        name: field.name,
        document: `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${uses ? `(${uses})` : ''}${selection(field)} }`,
        variables: Object.fromEntries(
          field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, sample(arg.type)]),
        ),
      };
    }),
  );
}

/** One root field of the schema, for tests that build their own documents and variables (the isolation matrix). */
export interface RootField {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every query and mutation of the schema, as fields: the same list as `everyOperation`, in the same order. */
export function everyRootField(schema: GraphQLSchema = committedSchema()): RootField[] {
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => ({ kind, name: field.name, field })),
  );
}

function callableWithoutArguments(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

/**
 * A selection set for an output type: every field callable without arguments, `depth` object levels down,
 * then just `id` where there is one; a type already on the path is not entered again (Application ->
 * candidate -> applications...). So a response shows every id and text it carries. '' for a leaf type.
 */
export function deepSelection(type: GraphQLOutputType, depth: number, path: ReadonlySet<string> = new Set()): string {
  const named = getNamedType(type);
  if (isUnionType(named)) {
    const members = named.getTypes().map((member) => `... on ${member.name}${deepSelection(member, depth, path)}`);
    return ` { __typename ${members.join(' ')} }`;
  }
  if (!isObjectType(named)) return '';
  const fields = Object.values(named.getFields()).filter(callableWithoutArguments);
  if (depth <= 0 || path.has(named.name))
    return fields.some((field) => field.name === 'id') ? ' { id }' : ' { __typename }';
  const inner = new Set([...path, named.name]);
  return ` { ${fields.map((field) => `${field.name}${deepSelection(field.type, depth - 1, inner)}`).join(' ')} }`;
}

/** The document calling one root field with all its arguments as variables, with the given selection set. */
export function operationDocument(root: RootField, selectionSet: string): string {
  const { field } = root;
  // An argument's default goes on its variable too, so that leaving the variable out means the default.
  const declarations = field.args
    .map((arg) => {
      const defaultValue = arg.defaultValue === undefined ? undefined : astFromValue(arg.defaultValue, arg.type);
      return `$${arg.name}: ${String(arg.type)}${defaultValue ? ` = ${print(defaultValue)}` : ''}`;
    })
    .join(', ');
  const uses = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${root.kind}${declarations ? `(${declarations})` : ''} { ${field.name}${uses ? `(${uses})` : ''}${selectionSet} }`;
}
