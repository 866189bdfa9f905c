import { BadUserInputError, NotFoundError } from '@lib/errors';
import { formatGraphqlError, formatGraphqlResponse } from '@lib/graphql';
import { ForbiddenException, Logger, UnauthorizedException } from '@nestjs/common';
import { GraphQLError } from 'graphql';

const PRODUCTION = { exposeInternals: false, hideSuggestions: true };
const DEVELOPMENT = { exposeInternals: true, hideSuggestions: false };

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('GraphQL error mapping', () => {
  const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  afterEach(() => logged.mockClear());
  it('keeps the message and code of business and input errors', () => {
    const formatted = formatGraphqlError(
      wrap(BadUserInputError.forField('email', 'email must be an e-mail address')),
      PRODUCTION,
    );
    expect(formatted.message).toBe('email must be an e-mail address');
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'email', message: 'email must be an e-mail address' }],
    });
    expect(formatGraphqlError(wrap(new NotFoundError('User')), PRODUCTION).extensions.code).toBe('NOT_FOUND');
  });

  it("maps the framework's guard errors to the contract's codes", () => {
    expect(formatGraphqlError(wrap(new UnauthorizedException()), PRODUCTION).extensions.code).toBe('UNAUTHENTICATED');
    expect(formatGraphqlError(wrap(new ForbiddenException()), PRODUCTION).extensions.code).toBe('FORBIDDEN');
  });

  it('hides everything about an unexpected error outside development', () => {
    const leak = new Error('duplicate key value violates unique constraint "users_pkey" in SELECT * FROM users');
    const formatted = formatGraphqlError(wrap(leak), PRODUCTION);
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['field'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/users_pkey|SELECT|stack/);
    // The detail goes to the server's log instead.
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: leak }), expect.any(String));
  });

  it('shows the internal message in development only, and never the stack', () => {
    const formatted = formatGraphqlError(wrap(new Error('boom')), DEVELOPMENT);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', debug: 'boom' });
  });

  it('answers 200 for an executed operation and keeps its data', () => {
    const result = formatGraphqlResponse({ data: { a: 1 }, errors: [wrap(new NotFoundError())] }, PRODUCTION);
    expect(result.statusCode).toBe(200);
    expect(result.response.data).toEqual({ a: 1 });
  });
});
