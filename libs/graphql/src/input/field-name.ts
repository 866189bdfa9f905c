/**
 * The name of an offending field in `extensions.fields`, as the validation
 * pipe names it: a mutation's `input` object is the form, so its fields go
 * without the `input.` prefix (`fullName`, `response.kind`); every other
 * argument is named from the argument (`filter.search`, `id`). List items
 * are numbered (`preferredTimes.0`).
 */
export function fieldName(argumentPath: readonly (string | number)[]): string {
  const path = argumentPath[0] === 'input' && argumentPath.length > 1 ? argumentPath.slice(1) : argumentPath;
  return path.join('.');
}
