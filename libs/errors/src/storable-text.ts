import { BadUserInputError, FieldProblem } from './domain-errors';

export type ValuePath = readonly (string | number)[];

/**
 * Why a string cannot be taken as text, or undefined when it can. PostgreSQL
 * text refuses the NUL character outright, and a lone UTF-16 surrogate is no
 * character at all: it cannot be encoded as UTF-8, and libraries that encode
 * it (validator's e-mail check, encodeURI) throw instead of answering.
 */
export function textDefect(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!value.isWellFormed()) return 'must be well-formed Unicode text (it holds an unpaired surrogate)';
  return undefined;
}

/** Every string inside a JSON-like value that is not acceptable text, with its path from the value. */
export function textDefectsIn(value: unknown, path: ValuePath = []): { path: ValuePath; defect: string }[] {
  if (typeof value === 'string') {
    const defect = textDefect(value);
    return defect ? [{ path, defect }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => textDefectsIn(item, [...path, index]));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => textDefectsIn(item, [...path, key]));
  }
  return [];
}

/** The refusal of text that cannot be taken, one problem per field, as the other input errors name them. */
export function badTextInput(problems: { field: string; defect: string }[]): BadUserInputError {
  const fields: FieldProblem[] = problems.map(({ field, defect }) => ({ field, message: `${field} ${defect}` }));
  return new BadUserInputError(fields.map((problem) => problem.message).join('; '), fields);
}
