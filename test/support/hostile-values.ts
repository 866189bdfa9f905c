import fc from 'fast-check';
import {
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  getNullableType,
} from 'graphql';

/**
 * Invalid and extreme values for GraphQL arguments, chosen by the argument's
 * type, for the hostile-input fuzzer. Each value carries a short label so that
 * a failing run reports "String: 100 KB" rather than 100 KB of "a".
 */
export class Hostile {
  constructor(
    readonly label: string,
    readonly value: unknown,
  ) {}

  /** How fast-check prints a counterexample: the label and the start of the value. */
  [fc.toStringMethod](): string {
    return `${this.label} = ${preview(this.value)}`;
  }
}

/**
 * A JSON number text that JavaScript cannot hold as itself (1e400 is Infinity
 * once parsed, a 30-digit integer loses its digits): sent as written, so the
 * server's JSON parser meets it, not ours.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): string {
    return rawJsonPlaceholder(this.text);
  }
}

const RAW_MARK = '\u0001raw-json\u0001';

function rawJsonPlaceholder(text: string): string {
  return `${RAW_MARK}${text}${RAW_MARK}`;
}

/** JSON text of a request body, with every RawJson written as its own text. */
export function toJsonBody(body: unknown): string {
  const placeholder = new RegExp(`"${RAW_MARK}(.*?)${RAW_MARK}"`, 'g');
  return JSON.stringify(body).replace(placeholder, (_match, text: string) => text);
}

function preview(value: unknown, max = 120): string {
  if (value instanceof RawJson) return `raw ${value.text}`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}... (${text.length} characters)` : text;
}

const KB = 1024;

/** Built once: a 1 MB string is costly to make per run and is the same every time. */
const HUGE = {
  hundredKb: 'a'.repeat(100 * KB),
  almostOneMb: 'a'.repeat(KB * KB - 4 * KB),
  tenThousandCharId: 'f'.repeat(10_000),
};

/** Strings that break naive code: sizes, encodings, and payloads for SQL, HTML and NoSQL injection. */
export const HOSTILE_STRINGS: Record<string, string> = {
  '100 KB': HUGE.hundredKb,
  // Just under the 1 MB body limit; a body over it is refused by Fastify whatever it holds (tested on its own).
  '1 MB less 4 KB': HUGE.almostOneMb,
  empty: '',
  'whitespace only': ' \t\n\r\u00a0\u2003\u3000 ',
  'NUL byte': 'before\u0000after',
  'only NUL': '\u0000',
  'lone high surrogate': 'x\ud800y',
  'lone low surrogate': '\udfff',
  'right-to-left override': 'invoice\u202Egnp.exe',
  'zero-width characters': '\u200b\u200c\u200d\u2060\ufeff',
  emoji: '👩🏽‍💻🧑‍🤝‍🧑🇬🇧',
  'combining marks': 'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334a\u0310l\u0315g\u0358o',
  'C1 control characters': '\u0085\u009b\u008d',
  'SQL: drop table': "'; DROP TABLE candidates; --",
  'SQL: tautology': "' OR '1'='1",
  'SQL: comment': "admin'--",
  'SQL: time-based': "1'; SELECT pg_sleep(5); --",
  'SQL: backslash quote': "\\'; --",
  'HTML: script': '<script>alert(document.cookie)</script>',
  'HTML: img onerror': '"><img src=x onerror=alert(1)>',
  'NoSQL operator': '{"$gt": ""}',
  'template injection': '${7*7}{{7*7}}#{7*7}',
  'format string': '%s%s%s%n%x',
  'CRLF header injection': 'a\r\nBcc: victim@example.test\r\n',
  'spreadsheet formula': '=HYPERLINK("http://evil.test","click")',
  'path traversal': '../../../../etc/passwd',
  'very long e-mail': `${'a'.repeat(300)}@${'b'.repeat(250)}.test`,
  'e-mail with 65-character local part': `${'l'.repeat(65)}@example.test`,
  'e-mail with quoted local part': '"very.(),:;<>[]\\".VERY.\\"very@\\\\ \\"very\\".unusual"@strange.example.test',
  'e-mail with a NUL': 'ann\u0000@acme.test',
  'unicode e-mail': 'андрей@пример.рф',
  'JSON text': '{"__proto__": {"isAdmin": true}}',
  'numeric text': '1e400',
};

/** Integers past every boundary a GraphQL Int (32 bits), a JavaScript number or PostgreSQL might have. */
const HOSTILE_NUMBERS: [string, unknown][] = [
  ['-1', -1],
  ['zero', 0],
  ['2^31 (Int overflow)', 2 ** 31],
  ['-2^31 - 1', -(2 ** 31) - 1],
  ['2^31 - 1', 2 ** 31 - 1],
  ['2^53 + 1', new RawJson('9007199254740993')],
  ['-2^63', new RawJson('-9223372036854775808')],
  ['30 digits', new RawJson('123456789012345678901234567890')],
  ['1e400 (Infinity once parsed)', new RawJson('1e400')],
  ['-0', new RawJson('-0')],
  ['float for Int', 1.5],
  ['tiny float', 5e-324],
  ['NaN as text', 'NaN'],
  ['Infinity as text', 'Infinity'],
  ['hex as text', '0x10'],
  ['number as text', '3'],
];

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Ids that are not ids, or that are someone else's. */
function hostileIds(foreignIds: string[], ownIdsOfOtherKinds: string[]): fc.Arbitrary<Hostile> {
  const fixed: [string, unknown][] = [
    ['nil UUID', NIL_UUID],
    ['max UUID', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ['not a UUID', 'not-an-id'],
    ['integer as ID', 1],
    ['UUID without dashes', '3f2504e04f8911d39a0c0305e82c3301'],
    ['UUID in braces', '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}'],
    ['UUID with trailing text', '3f2504e0-4f89-11d3-9a0c-0305e82c3301; DROP TABLE candidates'],
    ['10,000-character id', HUGE.tenThousandCharId],
    ['SQL in an id', "' OR '1'='1"],
    ['empty id', ''],
  ];
  return fc.oneof(
    labelled('ID', fixed),
    fc.constantFrom(...foreignIds).map((id) => new Hostile("ID: another agency's record", id)),
    fc.constantFrom(...ownIdsOfOtherKinds).map((id) => new Hostile('ID: own record of another kind', id)),
    fc.uuid().map((id) => new Hostile('ID: random UUID', id)),
    fc.uuid().map((id) => new Hostile('ID: upper-case random UUID', id.toUpperCase())),
  );
}

/** Dates that do not exist, are out of every range, or are not dates. */
const HOSTILE_DATES: [string, unknown][] = [
  ['February 30th', '2026-02-30'],
  ['February 30th with time', '2026-02-30T10:00:00Z'],
  ['month 13', '2026-13-01T00:00:00Z'],
  ['hour 25', '2026-11-20T25:61:00Z'],
  ['offset +99:00', '2026-11-20T10:00:00+99:00'],
  ['year 0', '0000-01-01T00:00:00Z'],
  ['year 9999', '9999-12-31T23:59:59Z'],
  ['year 275760 (JavaScript maximum)', '+275760-09-13T00:00:00.000Z'],
  ['year -271821 (JavaScript minimum)', '-271821-04-20T00:00:00.000Z'],
  ['year 10000', '+010000-01-01T00:00:00.000Z'],
  ['far past: 4714 BC', '-004713-11-23T00:00:00.000Z'],
  ['far past: 1900', '1900-01-01T00:00:00Z'],
  ['far future: 3000', '3000-01-01T00:00:00Z'],
  ['epoch', '1970-01-01T00:00:00Z'],
  ['timestamp as number', 1_700_000_000_000],
  ['negative timestamp', -8.64e15],
  ['timestamp past the maximum', 8.64e15 + 1],
  ['seconds timestamp as text', '1700000000'],
  ['"now"', 'now'],
  ['empty', ''],
  ['date only', '2026-11-20'],
  ['not a date', 'yesterday'],
];

/** Values outside an enum: unknown, lower-case, padded, empty, a number, a prototype key. */
function hostileEnumValues(values: string[]): fc.Arbitrary<Hostile> {
  const first = values[0]!;
  return labelled('enum', [
    ['unknown value', 'NOT_A_VALUE'],
    ['lower-case value', first.toLowerCase()],
    ['padded value', ` ${first} `],
    ['empty', ''],
    ['number', 0],
    ['__proto__', '__proto__'],
    ['every value joined', values.join(',')],
  ]);
}

/** A value of the wrong JSON type: what a careless or hostile client sends anywhere. */
const WRONG_JSON_TYPES: [string, unknown][] = [
  ['null', null],
  ['object', { a: 1 }],
  ['empty object', {}],
  ['array', ['a', 1]],
  ['empty array', []],
  ['boolean', true],
  ['string', 'text'],
  ['number', 42],
  ['float', 4.2],
  // As text: held as an array, 5,000 levels would overflow fast-check's printer when it reports.
  ['array 5,000 levels deep', new RawJson(`${'['.repeat(5_000)}${']'.repeat(5_000)}`)],
];

function labelled(kind: string, entries: [string, unknown][]): fc.Arbitrary<Hostile> {
  return fc.constantFrom(...entries).map(([label, value]) => new Hostile(`${kind}: ${label}`, value));
}

export interface HostileContext {
  /** Ids of records of the other agency. */
  foreignIds: string[];
  /** Ids of the caller's own agency, of every kind (a candidate id where an application id is expected). */
  ownIds: string[];
}

/**
 * Hostile values for a place of the given GraphQL input type. `valid` is a
 * valid value for that place when known: lists repeat it, input objects lose
 * or gain fields from it.
 */
export function hostileValuesFor(
  type: GraphQLInputType,
  valid: unknown,
  context: HostileContext,
): fc.Arbitrary<Hostile> {
  const named = getNullableType(type);
  return fc.oneof(
    { arbitrary: forType(named, valid, context), weight: 4 },
    { arbitrary: labelled(`wrong JSON type for ${String(type)}`, WRONG_JSON_TYPES), weight: 1 },
  );
}

function forType(type: GraphQLInputType, valid: unknown, context: HostileContext): fc.Arbitrary<Hostile> {
  if (isNonNullType(type)) return forType(type.ofType, valid, context);
  if (isListType(type)) return hostileLists(type.ofType, valid, context);
  if (isEnumType(type))
    return hostileEnumValues(type.getValues().map((value) => value.name)).map(
      (hostile) => new Hostile(`${type.name} ${hostile.label}`, hostile.value),
    );
  if (isInputObjectType(type)) return hostileObjects(type.name, valid);
  if (isScalarType(type)) {
    switch (type.name) {
      case 'String':
        return hostileStrings();
      case 'Int':
      case 'Float':
        return fc.oneof(
          labelled(type.name, HOSTILE_NUMBERS),
          fc.integer().map((n) => new Hostile(`${type.name}: random integer`, n)),
          fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => new Hostile(`${type.name}: random double`, n)),
        );
      case 'ID':
        return hostileIds(context.foreignIds, context.ownIds);
      case 'DateTime':
        return fc.oneof(
          labelled('DateTime', HOSTILE_DATES),
          fc
            .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
            .map((date) => new Hostile('DateTime: random instant', date.toISOString())),
        );
      case 'Boolean':
        return labelled('Boolean', [
          ['"true" as text', 'true'],
          ['1', 1],
          ['0', 0],
          ['"yes"', 'yes'],
        ]);
      default:
        return hostileStrings();
    }
  }
  throw new Error(`No hostile values for ${String(type)}`);
}

function hostileStrings(): fc.Arbitrary<Hostile> {
  return fc.oneof(
    { arbitrary: labelled('String', Object.entries(HOSTILE_STRINGS)), weight: 4 },
    {
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 40 })
        .map((text) => new Hostile('String: random code points', text)),
      weight: 1,
    },
    {
      arbitrary: fc
        .string({ unit: 'grapheme', maxLength: 40 })
        .map((text) => new Hostile('String: random graphemes', text)),
      weight: 1,
    },
  );
}

function hostileLists(itemType: GraphQLInputType, valid: unknown, context: HostileContext): fc.Arbitrary<Hostile> {
  const item = Array.isArray(valid) && valid.length > 0 ? valid[0] : 'x';
  return fc.oneof(
    labelled('list', [
      ['empty', []],
      ['10,000 elements', Array.from({ length: 10_000 }, () => item)],
      ['null inside', [item, null]],
      ['a lone value where a list is expected', item],
      ['nested list', [[item]]],
    ]),
    forType(itemType, item, context).map((hostile) => new Hostile(`list of ${hostile.label}`, [hostile.value])),
  );
}

/** Input objects with a required field missing, an unknown field, a field that must never be given (agencyId), or null. */
function hostileObjects(typeName: string, valid: unknown): fc.Arbitrary<Hostile> {
  const base = valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  const withoutOneField = Object.keys(base).map((key): [string, unknown] => {
    const { [key]: _dropped, ...rest } = base;
    return [`without ${key}`, rest];
  });
  return labelled(typeName, [
    ...withoutOneField,
    ['an unknown field', { ...base, isAdmin: true }],
    // Keys "__proto__" and "constructor.prototype" are refused by Fastify's JSON parser whatever the
    // operation, before GraphQL: hostile-input.e2e.spec.ts sends them once, on a raw body.
    ['an agencyId field', { ...base, agencyId: NIL_UUID }],
    ['null', null],
    ['empty object', {}],
  ]);
}

/** The placeholder value of a type, required fields filled: to build a nested place that the valid variables left out. */
export function placeholderFor(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholderFor(type.ofType);
  if (isListType(type)) return [placeholderFor(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, placeholderFor(field.type)]),
    );
  }
  switch (type.name) {
    case 'ID':
      return NIL_UUID;
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.now() - 3_600_000).toISOString();
    default:
      return 'x';
  }
}

/**
 * The sharpest values for a place, one or two per type: what most often gets
 * past an API's validation into its database or its libraries (a NUL byte,
 * which PostgreSQL text refuses; a lone surrogate, which URI encoding refuses;
 * a date outside PostgreSQL's range; an explicit null for an optional object;
 * another agency's id; 10,000 copies of a valid element). The fuzzer tries
 * them at every place first, then draws at random.
 */
export function sharpValuesFor(type: GraphQLInputType, valid: unknown, context: HostileContext): Hostile[] {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = Array.isArray(valid) && valid.length > 0 ? valid[0] : null;
    return [
      new Hostile(
        'list: 10,000 elements',
        Array.from({ length: 10_000 }, () => item),
      ),
    ];
  }
  if (isEnumType(inner))
    return [new Hostile(`${inner.name} enum: lower-case value`, inner.getValues()[0]!.name.toLowerCase())];
  if (isInputObjectType(inner)) return [new Hostile(`${inner.name}: null`, null)];
  switch (inner.name) {
    case 'String':
      return [
        new Hostile('String: NUL byte', HOSTILE_STRINGS['NUL byte']),
        new Hostile('String: lone high surrogate', HOSTILE_STRINGS['lone high surrogate']),
      ];
    case 'DateTime':
      return [new Hostile('DateTime: year -271821 (JavaScript minimum)', '-271821-04-20T00:00:00.000Z')];
    case 'ID':
      return [new Hostile("ID: another agency's record", context.foreignIds[0])];
    case 'Int':
    case 'Float':
      return [new Hostile(`${inner.name}: 2^31 - 1`, 2 ** 31 - 1)];
    default:
      return [new Hostile(`${inner.name}: "true" as text`, 'true')];
  }
}
