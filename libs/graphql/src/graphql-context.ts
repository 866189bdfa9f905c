import { RequestContext } from '@lib/context';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What every resolver, guard and hook of one GraphQL request shares.
 *
 * Field resolvers of lists take GraphQL's own arguments, `(parent, args,
 * context)`, rather than `@Parent()` and `@Ctx()`: Nest calls a method without
 * parameter decorators directly, and a decorated one through its argument
 * pipeline (the global pipes, promises per parameter) once per parent object,
 * which on the counselor's dashboard (hundreds of fields) cost more CPU than
 * the work of the fields. Authorization is unchanged: guards run on the
 * operation's root fields only (no `fieldResolverEnhancers`), either way.
 */
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
