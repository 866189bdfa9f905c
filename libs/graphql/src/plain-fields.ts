import { GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';

const PROBE = Symbol('probe');

/**
 * Nest's resolver of a plain `@Field` (named rootFieldResolver in
 * @nestjs/graphql): the property of the same name, or the field's default
 * value when it is undefined. Checked by its behaviour, not only its name, so
 * that a resolver doing anything more is never taken for one.
 */
function readsItsPropertyOnly(resolve: GraphQLFieldResolver<unknown, unknown>, fieldName: string): boolean {
  if (resolve.name !== 'rootFieldResolver') return false;
  const read = resolve as (parent: Record<string, unknown>) => unknown;
  return read({ [fieldName]: PROBE }) === PROBE && read({}) === undefined;
}

/**
 * Nest's code-first schema gives every field of an object type a resolver,
 * even those that only read a property. GraphQL reads a field that has none
 * itself, and graphql-jit then inlines the read in the compiled query, where
 * a resolver is a function call with its own resolve info for every field of
 * every parent: some 2,000 on the counselor's dashboard, a tenth of its CPU.
 * Those resolvers are taken off when they read nothing else (no default
 * value). The answers are the same as long as no parent object has a method
 * named like one of its fields (graphql-js would call it, Nest returned it):
 * parents are entities, rows and plain models.
 */
export function withPlainFieldsUnresolved(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve && readsItsPropertyOnly(field.resolve, field.name)) field.resolve = undefined;
    }
  }
  return schema;
}
