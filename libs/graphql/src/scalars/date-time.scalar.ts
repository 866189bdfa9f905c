import { BadUserInputError } from '@lib/errors';
import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';

/** Years outside any recruiting story, and far inside PostgreSQL's timestamp range (4713 BC to 294276 AD). */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(3000, 0, 1) - 1;

const SHAPE = 'DateTime must be an RFC 3339 date-time with a time zone offset or Z, such as 2026-11-20T10:00:00+01:00';
const RANGE = 'DateTime must be between 1900-01-01T00:00:00Z and 2999-12-31T23:59:59Z';

/**
 * graphql-scalars' DateTime does the RFC 3339 reading: a date-time string
 * only (no number, no date alone), with an offset or Z, on a day that exists
 * (2026-02-30 is refused, not rolled over to March). Its refusals quote the
 * value and are plain GraphQL errors; ours are BAD_USER_INPUT, and the range
 * is ours.
 */
function withinRange(read: () => unknown): Date {
  let date: unknown;
  try {
    date = read();
  } catch {
    throw new BadUserInputError(SHAPE);
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new BadUserInputError(SHAPE);
  if (date.getTime() < EARLIEST || date.getTime() > LATEST) throw new BadUserInputError(RANGE);
  return date;
}

/**
 * The schema's `DateTime`, in place of Nest's default (which takes numbers,
 * date-only strings and impossible dates through `new Date()`, and lets
 * years PostgreSQL cannot store reach it). Answers are UTC ISO strings, as
 * before.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description:
    'A date-time with a time zone offset or Z (RFC 3339), such as 2026-11-20T10:00:00+01:00, between the years ' +
    '1900 and 2999. Answered in UTC, such as 2026-11-20T09:00:00.000Z.',
  parseValue(value: unknown): Date {
    // A Date can only come from code, never from JSON: the wire format is the string.
    if (typeof value !== 'string') throw new BadUserInputError(SHAPE);
    return withinRange(() => GraphQLDateTime.parseValue(value));
  },
  parseLiteral(node: ValueNode): Date {
    if (node.kind !== Kind.STRING) throw new BadUserInputError(SHAPE);
    return withinRange(() => GraphQLDateTime.parseLiteral(node));
  },
  serialize(value: unknown): string | null {
    return value instanceof Date ? value.toISOString() : null;
  },
});
