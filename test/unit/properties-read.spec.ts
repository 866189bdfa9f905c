import { readsProperties, readsWithin } from '@lib/graphql';
import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLID,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';

/** A type with plain fields (no resolver: they read their property), one resolver that declares what it reads and one that does not. */
const Note = new GraphQLObjectType({
  name: 'ReadNote',
  fields: {
    id: { type: GraphQLID },
    text: { type: GraphQLString },
    author: { type: GraphQLString, resolve: (note: { authorId: string }) => note.authorId },
    mood: { type: GraphQLString, resolve: () => 'calm' },
  },
});
readsProperties('ReadNote', 'author', ['authorId']);
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { note: { type: Note } } }),
});

/** The selection of the `note` field of a document, as its resolver's info would carry it. */
function noteSelection(document: string, withSchema = true) {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fieldNodes = operation.selectionSet.selections as FieldNode[];
  return { fieldNodes, fragments, ...(withSchema ? { schema } : {}) };
}

const within = (document: string, properties: string[], withSchema = true) =>
  readsWithin(noteSelection(document, withSchema), 'ReadNote', new Set(properties));

describe('readsWithin: whether the fields a query asks read only some properties', () => {
  it('takes a field without a resolver for a read of its own property', () => {
    expect(within('{ note { id text __typename } }', ['id', 'text'])).toBe(true);
    expect(within('{ note { id text } }', ['id'])).toBe(false);
  });

  it('takes a resolved field for what it declared, not for its name', () => {
    expect(within('{ note { id author } }', ['id', 'authorId'])).toBe(true);
    expect(within('{ note { id author } }', ['id', 'author'])).toBe(false);
  });

  it('never narrows for a resolved field that declared nothing', () => {
    expect(within('{ note { id mood } }', ['id', 'mood'])).toBe(false);
  });

  it('counts the fields asked through fragments and aliases', () => {
    expect(within('{ note { ...N } } fragment N on ReadNote { id words: text }', ['id', 'text'])).toBe(true);
    expect(within('{ note { ... on ReadNote { id author } } }', ['id'])).toBe(false);
  });

  it('never narrows without the schema to tell plain fields from resolved ones', () => {
    expect(within('{ note { id } }', ['id'], false)).toBe(false);
  });
});
