import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphqlContext } from './graphql-context';

/** Injects the request's RequestContext into a resolver method. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext) => {
  return GqlExecutionContext.create(execution).getContext<GraphqlContext>().ctx;
});
