import { ArgumentsHost, Catch } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError, toClientError } from '@lib/errors';

/**
 * Expected errors (a bad id, a missing token, bad input) are answers, not
 * incidents: they go to the client through the one error mapping and are not
 * logged as server errors.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return error;
    const client = toClientError(error)!;
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(httpStatusOf(error))
      .send({ message: client.message, code: client.code, ...client.extensions });
    return undefined;
  }
}

function httpStatusOf(error: DomainError): number {
  const byCode: Record<string, number> = {
    BAD_USER_INPUT: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    TOO_MANY_REQUESTS: 429,
  };
  return byCode[error.code] ?? 500;
}
