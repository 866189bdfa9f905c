import { ExecutionContext } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphqlContext } from '@lib/graphql';
import type { FastifyRequest } from 'fastify';

/** The HTTP request behind a resolver or a controller call. */
export function requestOf(execution: ExecutionContext): FastifyRequest {
  if (execution.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(execution).getContext<GraphqlContext>().req;
  }
  return execution.switchToHttp().getRequest<FastifyRequest>();
}
