import { BadUserInputError } from '@lib/errors';

/** An opaque cursor: the sort key and id of the last row of a page. */
export interface CursorPosition {
  sortKey: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [sortKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof sortKey === 'string' && typeof id === 'string') return { sortKey, id };
  } catch {
    // fall through to the typed error
  }
  throw BadUserInputError.forField('after', 'The cursor is not valid');
}
