import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { RequestContext } from './request-context';

/**
 * For plain HTTP routes (GraphQL operations end theirs in the Mercurius
 * hook): commits the request's transaction when the handler succeeds, rolls
 * it back when it throws, before the response is written.
 */
@Injectable()
export class HttpTransactionInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const ctx = execution
      .switchToHttp()
      .getRequest<FastifyRequest & { requestContext?: RequestContext }>().requestContext;
    if (!ctx) return next.handle();
    return from(
      (async () => {
        try {
          const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
          await ctx.finish(true);
          return result;
        } catch (error) {
          await ctx.finish(false);
          throw error;
        }
      })(),
    );
  }
}
