import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
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
