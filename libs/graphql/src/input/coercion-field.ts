import { GraphQLError } from 'graphql';
import { fieldName } from './field-name';

const VARIABLE = /^Variable "\$([_A-Za-z]\w*)" got invalid value /;
const PATH_AT_END = / at "([_A-Za-z]\w*)((?:\.[_A-Za-z]\w*|\[\d+\])+)"$/;

/**
 * The field a scalar refused in a variable, from the message graphql-js wraps
 * the scalar's error in (`Variable "$input" got invalid value "x" at
 * "input.when"; <the scalar's message>`): graphql-js gives the path only in
 * that text. The part before the scalar's own message is cut off exactly, so
 * text in the value itself cannot pass for a path. Named as fieldName names
 * fields, from the variable, which clients name after the argument. A value
 * written in the document has no path to give: undefined.
 */
export function coercionField(error: GraphQLError): string | undefined {
  const wrapped = error.originalError?.message;
  if (wrapped === undefined || !error.message.endsWith(`; ${wrapped}`)) return undefined;
  const prefix = error.message.slice(0, -(wrapped.length + 2));
  const variable = VARIABLE.exec(prefix)?.[1];
  if (!variable) return undefined;
  const at = PATH_AT_END.exec(prefix);
  if (!at || at[1] !== variable) return fieldName([variable]);
  const inner = [...at[2]!.matchAll(/\.([_A-Za-z]\w*)|\[(\d+)\]/g)].map(([, name, index]) => name ?? Number(index));
  return fieldName([variable, ...inner]);
}
