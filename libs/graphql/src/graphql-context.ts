import { RequestContext } from '@lib/context';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What every resolver, guard and hook of one GraphQL request shares. */
export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
  ctx: RequestContext;
}

declare module 'fastify' {
  interface FastifyRequest {
    requestContext?: RequestContext;
  }
}
