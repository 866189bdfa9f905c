import { BadUserInputError, requestClientError, textDefect } from '@lib/errors';
import { DateTimeScalar } from '@lib/graphql';
import { GraphQLError, parse } from 'graphql';
import { argumentTextProblems } from '../../libs/graphql/src/input/argument-text';
import { coercionField } from '../../libs/graphql/src/input/coercion-field';
import { withoutSuggestions } from '../../libs/graphql/src/input/suggestions';

describe('text that can be taken', () => {
  it('refuses the NUL character and lone surrogates, and takes everything else', () => {
    expect(textDefect('a\u0000b')).toMatch(/NUL/);
    expect(textDefect('x\ud800y')).toMatch(/surrogate/);
    expect(textDefect('\udfff')).toMatch(/surrogate/);
    for (const fine of ['', 'Zoë', '👩🏽‍💻', '\u200b\ufeff', "'; DROP TABLE x; --"])
      expect(textDefect(fine)).toBeUndefined();
  });

  it('finds them in every argument of a document, written in it, sent as variables or as defaults', () => {
    const document = parse(`
      mutation($input: CreateCandidateInput!, $s: String = "d\\u0000") {
        createCandidate(input: $input) { id }
        other: createCandidate(input: { fullName: "a\\u0000", email: "ok@x.test" }) { id }
        candidates(filter: { search: $s }) { totalCount }
        candidate(id: "\\u0000") @include(if: true) { id }
      }`);
    const problems = argumentTextProblems(document, {
      input: { fullName: 'fine', email: 'x\ud800y', tags: ['ok', 'b\u0000'] },
    });
    expect(problems.map((problem) => problem.field)).toEqual(['email', 'tags.1', 'fullName', 'filter.search', 'id']);
  });

  it('finds nothing in a clean document', () => {
    const document = parse(`query($s: String) { candidates(filter: { search: $s }) { totalCount } }`);
    expect(argumentTextProblems(document, { s: 'Zoë 👩🏽‍💻', unused: 'a\u0000' })).toEqual([]);
  });
});

describe('DateTime', () => {
  const refused = (value: unknown) => {
    try {
      DateTimeScalar.parseValue(value);
    } catch (error) {
      return error instanceof BadUserInputError;
    }
    return false;
  };

  it('takes RFC 3339 date-times with an offset or Z, between 1900 and 2999', () => {
    expect(DateTimeScalar.parseValue('2026-11-20T10:00:00+01:00')).toEqual(new Date('2026-11-20T09:00:00Z'));
    expect(DateTimeScalar.parseValue('2024-02-29T23:59:59.123Z')).toEqual(new Date('2024-02-29T23:59:59.123Z'));
    expect(DateTimeScalar.parseValue('1900-01-01T00:00:00Z')).toEqual(new Date('1900-01-01T00:00:00Z'));
    expect(DateTimeScalar.parseValue('2999-12-31T23:59:59Z')).toEqual(new Date('2999-12-31T23:59:59Z'));
  });

  it.each([
    ['a day that does not exist', '2026-02-30T10:00:00Z'],
    ['no offset', '2026-11-20T10:00:00'],
    ['a date alone', '2026-11-20'],
    ['an offset past +23:59', '2026-11-20T10:00:00+99:00'],
    ['before 1900', '1899-12-31T23:59:59Z'],
    ['from 3000', '3000-01-01T00:00:00Z'],
    ['before PostgreSQL', '-004713-11-23T23:59:59.999Z'],
    ['a timestamp', 1_700_000_000_000],
    ['a boolean', true],
    ['an array', ['2026-11-20T10:00:00Z']],
    ['text', 'now'],
  ])('refuses %s as BAD_USER_INPUT', (_label, value) => {
    expect(refused(value)).toBe(true);
  });

  it('answers in UTC', () => {
    expect(DateTimeScalar.serialize(new Date('2026-11-20T10:00:00+01:00'))).toBe('2026-11-20T09:00:00.000Z');
  });
});

describe('error details', () => {
  it('names the field of a variable that a scalar refused, from graphql-js message', () => {
    const scalar = new GraphQLError('Expected type "DateTime". DateTime must be ...');
    const wrap = (prefix: string) => new GraphQLError(`${prefix}; ${scalar.message}`, { originalError: scalar });
    expect(coercionField(wrap('Variable "$input" got invalid value "x" at "input.when"'))).toBe('when');
    expect(coercionField(wrap('Variable "$input" got invalid value "x" at "input.times[1]"'))).toBe('times.1');
    expect(coercionField(wrap('Variable "$at" got invalid value "x"'))).toBe('at');
    // The value itself cannot pass for a path.
    expect(coercionField(wrap('Variable "$at" got invalid value "y at \\"at.evil\\""'))).toBe('at');
  });

  it('takes out graphql-js suggestions', () => {
    expect(withoutSuggestions('Cannot query field "emial" on type "User". Did you mean "email"?')).toBe(
      'Cannot query field "emial" on type "User".',
    );
    expect(withoutSuggestions('Unknown type "Strin". Did you mean "String" or "Stage"?')).toBe('Unknown type "Strin".');
    expect(withoutSuggestions('Cannot query field "x" on type "User".')).toBe('Cannot query field "x" on type "User".');
  });

  it("answers Fastify's refusals of an unreadable request as BAD_REQUEST, and nothing else", () => {
    const fastify = (code: string, statusCode: number) => Object.assign(new Error('x'), { code, statusCode });
    expect(requestClientError(fastify('FST_ERR_CTP_BODY_TOO_LARGE', 413))).toEqual({
      message: 'The request body is too large',
      code: 'BAD_REQUEST',
    });
    expect(requestClientError(fastify('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415))?.code).toBe('BAD_REQUEST');
    expect(requestClientError(fastify('FST_ERR_CTP_INSTANCE_ALREADY_STARTED', 400))).toBeUndefined();
    expect(requestClientError(fastify('constructor', 400))).toBeUndefined();
    expect(requestClientError(new Error('boom'))).toBeUndefined();
  });
});
