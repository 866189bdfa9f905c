import { FieldNode, FragmentDefinitionNode, GraphQLSchema, Kind, SelectionSetNode } from 'graphql';

/** Where a resolver can see what was asked of its field: the GraphQLResolveInfo parts that say it. */
export interface FieldSelection {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
  /** The schema the document runs on, for what its fields read (see propertiesRead); a resolve info carries it. */
  schema?: GraphQLSchema;
}

/**
 * The fields asked of a field's value, by name (aliases and fragments
 * included), each with the nodes that ask it: for a loader to read in the
 * same statement what the response will need next. `@skip` and `@include`
 * are not weighed, so a field may be reported that will not be resolved:
 * reading too much, never too little.
 */
export function selectedFields(selection: FieldSelection): Map<string, FieldNode[]> {
  const first = selection.fieldNodes[0];
  const cached = first && foundByFirstNode.get(first);
  if (cached && sameNodes(cached.fieldNodes, selection.fieldNodes)) return cached.found;
  const found = collectFields(selection);
  if (first) foundByFirstNode.set(first, { fieldNodes: selection.fieldNodes, found });
  return found;
}

/**
 * A field of a list is resolved once per item with the same nodes of the same
 * document (whose fragments they belong to), so the walk is made once per
 * document rather than once per item.
 */
const foundByFirstNode = new WeakMap<
  FieldNode,
  { fieldNodes: readonly FieldNode[]; found: Map<string, FieldNode[]> }
>();

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a === b || (a.length === b.length && a.every((node, index) => node === b[index]));
}

function collectFields(selection: FieldSelection): Map<string, FieldNode[]> {
  const found = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const node of set?.selections ?? []) {
      if (node.kind === Kind.FIELD) {
        const nodes = found.get(node.name.value) ?? [];
        nodes.push(node);
        found.set(node.name.value, nodes);
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        visit(node.selectionSet);
      } else {
        visit(selection.fragments[node.name.value]?.selectionSet);
      }
    }
  };
  for (const node of selection.fieldNodes) visit(node.selectionSet);
  return found;
}

/** The selection of a field asked under `selection`, to look one level deeper; undefined when it is not asked. */
export function subSelection(selection: FieldSelection, fieldName: string): FieldSelection | undefined {
  const fieldNodes = selectedFields(selection).get(fieldName);
  return fieldNodes && { fieldNodes, fragments: selection.fragments, schema: selection.schema };
}
