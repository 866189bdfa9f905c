import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RequestContext } from './request-context';

/** The request's RequestContext in a plain HTTP controller. */
export const HttpCtx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  return execution.switchToHttp().getRequest<{ requestContext: RequestContext }>().requestContext;
});
