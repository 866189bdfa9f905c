import { keepJitToPlainQueries } from '@lib/graphql';
import { buildSchema, parse } from 'graphql';

const schema = buildSchema(`
  enum Stage { SUBMITTED HIRED }
  input Filter { stage: Stage, first: Int! = 20 }
  type Item { id: ID! name: String }
  type Query { items(first: Int! = 20, stage: Stage, filter: Filter): [Item!]! }
  type Mutation { login(password: String!): String }
`);

/** Whether Mercurius may compile the document: the hook leaves it alone, or hands it back to run on graphql-js. */
async function compiled(text: string): Promise<boolean> {
  const document = parse(text);
  const verdict = await keepJitToPlainQueries(schema, document);
  if (verdict) expect(verdict.document).toBe(document);
  return verdict === undefined;
}

describe('which documents graphql-jit may compile', () => {
  it('compiles a lone query whose variables are scalars or enums without defaults', async () => {
    expect(
      await compiled(`query($first: Int!, $stage: Stage) { items(first: $first, stage: $stage) { id name } }`),
    ).toBe(true);
    expect(
      await compiled(`{ items(filter: { first: 5, stage: HIRED }) { id ...named } } fragment named on Item { name }`),
    ).toBe(true);
  });

  it('never compiles a mutation: graphql-js stops at the first failed field, graphql-jit runs them all', async () => {
    expect(await compiled(`mutation { a: login(password: "x") b: login(password: "y") }`)).toBe(false);
  });

  it('never compiles a document of several operations: a compiled one ignores operationName', async () => {
    expect(await compiled(`query A { items { id } } query B { items { name } }`)).toBe(false);
  });

  it('leaves variables with defaults or of input types to graphql-js, whose coercion graphql-jit does not match', async () => {
    expect(await compiled(`query($first: Int! = 20) { items(first: $first) { id } }`)).toBe(false);
    expect(await compiled(`query($filter: Filter) { items(filter: $filter) { id } }`)).toBe(false);
  });

  it('leaves @skip, @include and introspection to graphql-js', async () => {
    expect(await compiled(`query($all: Boolean!) { items { id name @include(if: $all) } }`)).toBe(false);
    expect(await compiled(`{ items { id } __schema { queryType { name } } }`)).toBe(false);
  });
});
