const SUGGESTION = ' Did you mean ';

/**
 * A graphql-js message without its "Did you mean ...?" ending. graphql-js
 * suggests names close to a misspelt field, argument, type, input field or
 * enum value, which maps the schema for anyone while introspection is off.
 * Its validation can leave them out (`hideSuggestions`), but Mercurius does
 * not pass that option when it coerces variables, so they are taken out of
 * every message here, where all of them pass. The suggestion always ends the
 * message; the last one is cut, so text a client put earlier stays as it was.
 */
export function withoutSuggestions(message: string): string {
  const at = message.lastIndexOf(SUGGESTION);
  return at >= 0 && message.endsWith('?') ? message.slice(0, at) : message;
}
