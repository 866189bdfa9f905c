/**
 * SQL expressions the generator's statements are built from. Every random
 * choice is a function of an md5 hash of a row's key (seed, agency, candidate,
 * application, ...), never of random(): the same seed gives the same rows
 * whatever the batch sizes, the order the batches run in, or how many run at
 * once. Times are kept as integer "local minutes" t = w * 1440 + minute of
 * day, where w counts working days from the seeded week's Monday (0) in the
 * agency's time zone, skipping weekends: event order is integer order, "7
 * working days later" is `+ 7 * 1440`, and only the final INSERT turns t into
 * a timestamptz.
 */

export const MINUTES_PER_DAY = 1440;
/** "Now" for the generated history: the end of the seeded week, Monday 00:00 after it (working day 5). */
export const NOW_DAY = 5;
export const NOW_T = NOW_DAY * MINUTES_PER_DAY;
/** The last working day of the history: the Friday of the seeded week. */
export const LAST_DAY = NOW_DAY - 1;
/** The oldest working day of the history: 12 weeks of working days, the seeded week included. */
export const FIRST_DAY = -55;

/**
 * A row's hash: the 16 bytes of the md5 of its key, as bytea, so that each
 * draw is two get_byte calls (md5's hex text would need parsing, and
 * numeric division is ten times slower than float8: both add up over
 * millions of rows and dozens of draws).
 */
export const hashOf = (key: string) => `decode(md5(${key}), 'hex')`;

/** Another hash from a hash, for rows that need more than 8 draws. */
export const rehash = (hash: string) => `decode(md5(${hash}), 'hex')`;

/** A v4-shaped uuid from a hash (class-validator's isUUID, which GraphQL ids go through, wants the version digit). */
export const uuidFromHash = (hash: string) =>
  `overlay(overlay(encode(${hash}, 'hex') placing '4' from 13) placing '8' from 17)::uuid`;

/** A v4-shaped uuid from a text key. */
export const uuidOf = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;

/** The k-th (0 to 7) uniform draw in [0, 1) from a hash: 16 bits each, as float8. k may be an SQL expression. */
export function draw(hash: string, k: number | string): string {
  if (typeof k === 'number' && (k < 0 || k > 7)) throw new Error(`draw index ${k} is outside 0..7`);
  return `((get_byte(${hash}, 2 * (${k})) * 256 + get_byte(${hash}, 2 * (${k}) + 1)) / 65536.0::float8)`;
}

/** An integer in [low, high] from the k-th draw. Bounds may be SQL expressions. */
export const between = (hash: string, k: number, low: number | string, high: number | string) =>
  `((${low}) + floor(${draw(hash, k)} * ((${high}) - (${low}) + 1))::int)`;

/** True with probability p from the k-th draw. */
export const chance = (hash: string, k: number, p: number) => `(${draw(hash, k)} < ${p})`;

export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** An SQL list of text literals, for IN (...). */
export const list = (values: readonly string[]) => values.map(literal).join(', ');

/** One of the values, uniformly. */
export const pick = (hash: string, k: number, values: readonly string[]) =>
  `(ARRAY[${values.map(literal).join(', ')}])[1 + floor(${draw(hash, k)} * ${values.length})::int]`;

/** One of the values with the given weights (they need not sum to 1). Values are SQL expressions. */
export function weighted(hash: string, k: number, entries: readonly (readonly [string, number])[]): string {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const arms = entries.slice(0, -1).map(([value, weight]) => {
    cumulative += weight / total;
    return `WHEN ${draw(hash, k)} < ${cumulative.toFixed(6)} THEN ${value}`;
  });
  return `(CASE ${arms.join(' ')} ELSE ${entries[entries.length - 1]![0]} END)`;
}

/** The same, with text values. */
export const weightedText = (hash: string, k: number, entries: readonly (readonly [string, number])[]) =>
  weighted(
    hash,
    k,
    entries.map(([value, weight]) => [literal(value), weight] as const),
  );

/**
 * Integer floor division and modulo for the small negative numbers of the
 * history (days back to -1000): shifted into the positive range, where
 * integer division floors, instead of numeric floor().
 */
const SHIFT_DAYS = 1000;

/** The working day of a local-minute time. */
export const dayOf = (t: string) => `(((${t}) + ${SHIFT_DAYS * MINUTES_PER_DAY}) / ${MINUTES_PER_DAY} - ${SHIFT_DAYS})`;

/** The minute of the day of a local-minute time. */
const minuteOf = (t: string) => `(((${t}) + ${SHIFT_DAYS * MINUTES_PER_DAY}) % ${MINUTES_PER_DAY})`;

/** Local minutes at `minute` past midnight of working day `day`. */
export const at = (day: string | number, minute: string | number) => `((${day}) * ${MINUTES_PER_DAY} + (${minute}))`;

/** The first contact day (Tuesday to Thursday: 003) on or after working day `day`. */
export const contactDay = (day: string) =>
  `((${day}) + CASE ((${day}) + ${SHIFT_DAYS}) % 5 WHEN 0 THEN 1 WHEN 4 THEN 2 ELSE 0 END)`;

/**
 * The engine's firstContactSlot for a step due from the start of working day
 * `day`: 08:00 on the first contact day that is also past the stalker
 * guard's gap (5 working days after `lastGapT`, when there is one).
 */
export const contactSlot = (day: string, lastGapT: string) =>
  at(contactDay(`greatest(${day}, ${dayOf(lastGapT)} + 5)`), 480);

/** The calendar date of working day `day` counted from `monday`, weekends skipped. */
export const workingDate = (monday: string, day: string) =>
  `(${monday} + 7 * (((${day}) + ${SHIFT_DAYS}) / 5 - ${SHIFT_DAYS / 5}) + (((${day}) + ${SHIFT_DAYS}) % 5))`;

/** A local-minute time as a timestamptz in the agency's time zone. */
export const timestamp = (monday: string, timezone: string, t: string) =>
  `((${workingDate(monday, dayOf(t))})::timestamp + ${minuteOf(t)} * interval '1 minute') AT TIME ZONE ${timezone}`;

/** The same, NULL when t is. */
export const timestampOrNull = (monday: string, timezone: string, t: string) =>
  `CASE WHEN (${t}) IS NOT NULL THEN ${timestamp(monday, timezone, t)} END`;

/** "Tue 3 Nov", as the engine words a day. */
export const dayWords = (monday: string, t: string) => `to_char(${workingDate(monday, dayOf(t))}, 'Dy FMDD Mon')`;

/** A minute in one of the policy's contact windows (08:00-09:30, 12:00-13:00, 17:00-18:00), from two draws. */
export const contactMinute = (hash: string, kWindow: number, kMinute: number) =>
  `(CASE WHEN ${draw(hash, kWindow)} < 0.45 THEN 480 + ${between(hash, kMinute, 0, 89)}
         WHEN ${draw(hash, kWindow)} < 0.75 THEN 720 + ${between(hash, kMinute, 0, 59)}
         ELSE 1020 + ${between(hash, kMinute, 0, 59)} END)`;
