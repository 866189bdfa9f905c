import { textDefect, textDefectsIn, ValuePath } from '@lib/errors';
import { ArgumentNode, DocumentNode, Kind, ValueNode, visit } from 'graphql';
import { fieldName } from './field-name';

export interface TextProblem {
  field: string;
  defect: string;
}

/**
 * Every string that an argument of the document carries and that is not
 * acceptable text (see textDefect), whatever the argument's type: written in
 * the document (`"a\u0000b"` is a valid GraphQL string), or given in a
 * variable, or a variable's default value. Arguments of every field and
 * directive of every operation and fragment are read, so nothing that could
 * reach a resolver is missed. Needs no schema: a string is a string, be it a
 * String, an ID, a DateTime or an enum value sent as a variable.
 */
export function argumentTextProblems(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): TextProblem[] {
  const { argumentNodes, defaults } = argumentsOf(document);
  // One problem per field: the same argument under two aliases is reported once.
  const problems = new Map<string, TextProblem>();
  const report = (path: ValuePath, defect: string) => {
    const field = fieldName(path);
    if (!problems.has(field)) problems.set(field, { field, defect });
  };

  const walk = (node: ValueNode, path: ValuePath): void => {
    switch (node.kind) {
      case Kind.STRING: {
        const defect = textDefect(node.value);
        if (defect) report(path, defect);
        return;
      }
      case Kind.LIST:
        node.values.forEach((item, index) => walk(item, [...path, index]));
        return;
      case Kind.OBJECT:
        for (const field of node.fields) walk(field.value, [...path, field.name.value]);
        return;
      case Kind.VARIABLE: {
        const name = node.name.value;
        const given = variables && Object.hasOwn(variables, name) ? variables[name] : undefined;
        if (given !== undefined) {
          for (const found of textDefectsIn(given, path)) report(found.path, found.defect);
        } else {
          for (const fallback of defaults.get(name) ?? []) walk(fallback, path);
        }
        return;
      }
      default:
        return;
    }
  };

  for (const node of argumentNodes) walk(node.value, [node.name.value]);
  return [...problems.values()];
}

interface DocumentArguments {
  /** Every argument of the document, of every field and directive, in the order `visit` meets them. */
  argumentNodes: ArgumentNode[];
  defaults: Map<string, ValueNode[]>;
}

/**
 * Mercurius keeps parsed documents (per query text), and a document never
 * changes: its arguments are found once, and each request only walks their
 * values against its own variables, instead of visiting the whole document.
 */
const argumentsByDocument = new WeakMap<DocumentNode, DocumentArguments>();

function argumentsOf(document: DocumentNode): DocumentArguments {
  let found = argumentsByDocument.get(document);
  if (!found) {
    const argumentNodes: ArgumentNode[] = [];
    visit(document, {
      Argument(node) {
        argumentNodes.push(node);
      },
    });
    found = { argumentNodes, defaults: variableDefaults(document) };
    argumentsByDocument.set(document, found);
  }
  return found;
}

/** Default values by variable name, across the document's operations (a name used twice keeps both). */
function variableDefaults(document: DocumentNode): Map<string, ValueNode[]> {
  const defaults = new Map<string, ValueNode[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (!variable.defaultValue) continue;
      const name = variable.variable.name.value;
      defaults.set(name, [...(defaults.get(name) ?? []), variable.defaultValue]);
    }
  }
  return defaults;
}
