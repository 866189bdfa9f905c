import { textDefect, textDefectsIn, ValuePath } from '@lib/errors';
import { DocumentNode, Kind, ValueNode, visit } from 'graphql';
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
  const defaults = variableDefaults(document);
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

  visit(document, {
    Argument(node) {
      walk(node.value, [node.name.value]);
    },
  });
  return [...problems.values()];
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
