import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { refuseCostlyPages } from '@lib/graphql';
import { buildSchema, GraphQLError, parse, validate, ValidationRule } from 'graphql';

/** About 6.5 per item asked: a page of 100 is within a limit of 1,000, a page of 1,000 is not. */
const schema = buildSchema(`
  type Query { items(first: Int, last: Int): [Item!]! }
  type Item { a: Int b: Int c: Int }
`);
const MAX_COST = 1000;

/** What the validation rule says of the same document with its page sizes written in. */
function writtenInRefusals(query: string): string[] {
  const found: string[] = [];
  const rule = costLimitRule({
    maxCost: MAX_COST,
    propagateOnRejection: false,
    onReject: [(_context: unknown, error: GraphQLError) => found.push(error.message)],
  }) as ValidationRule;
  validate(schema, parse(query), [rule]);
  return found;
}

async function refusalOf(promise: Promise<void>): Promise<string[] | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { errors: GraphQLError[] }).errors.map((found) => found.message);
  }
}

describe('page sizes sent as variables, priced once per document and sizes', () => {
  const document = parse(
    `query($first: Int, $last: Int = 2) { a: items(first: $first) { a b c } b: items(last: $last) { a } }`,
  );

  it('refuses a page over the limit with the message of the size written in, however often it is sent', async () => {
    const refuse = refuseCostlyPages(MAX_COST);
    const expected = writtenInRefusals(`{ a: items(first: 1000) { a b c } b: items(last: 2) { a } }`);
    expect(expected).toHaveLength(1);
    for (let sent = 0; sent < 3; sent++)
      expect(await refusalOf(refuse(schema, document, undefined, { first: 1000 }))).toEqual(expected);
  });

  it('still refuses a larger page after a smaller one of the same document was accepted', async () => {
    const refuse = refuseCostlyPages(MAX_COST);
    expect(await refusalOf(refuse(schema, document, undefined, { first: 100 }))).toBeUndefined();
    expect(await refusalOf(refuse(schema, document, undefined, { first: 100 }))).toBeUndefined();
    expect(await refusalOf(refuse(schema, document, undefined, { first: 1000 }))).toHaveLength(1);
    expect(await refusalOf(refuse(schema, document, undefined, { first: 100, last: 1000 }))).toHaveLength(1);
    expect(await refusalOf(refuse(schema, document, undefined, { first: 100 }))).toBeUndefined();
  });

  it("prices a variable's default when it is not sent, and ignores values that are not integers", async () => {
    const refuse = refuseCostlyPages(MAX_COST);
    const defaulted = parse(`query($first: Int = 1000) { items(first: $first) { a b c } }`);
    expect(await refusalOf(refuse(schema, defaulted, undefined, {}))).toHaveLength(1);
    expect(await refusalOf(refuse(schema, defaulted, undefined, { first: '10' }))).toHaveLength(1);
    expect(await refusalOf(refuse(schema, defaulted, undefined, { first: 10 }))).toBeUndefined();
    expect(await refusalOf(refuse(schema, document, undefined, { first: 1.5 }))).toBeUndefined();
  });

  it('leaves documents without page sizes sent as variables to validation', async () => {
    const refuse = refuseCostlyPages(MAX_COST);
    const written = parse(`{ items(first: 1000) { a b c } }`);
    expect(await refusalOf(refuse(schema, written, undefined, undefined))).toBeUndefined();
    const unsized = parse(`query($first: Int) { items(first: $first) { a b c } }`);
    expect(await refusalOf(refuse(schema, unsized, undefined, {}))).toBeUndefined();
  });
});
