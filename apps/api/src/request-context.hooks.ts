import { RequestContextFactory } from '@lib/context';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/**
 * Gives every HTTP request its RequestContext before any route runs, and
 * makes sure its transaction never outlives the response: whatever was not
 * committed by then is rolled back.
 */
export function installRequestContext(fastify: FastifyInstance, contexts: RequestContextFactory): void {
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const ctx = contexts.create(request.id, request.ip);
    request.requestContext = ctx;
    // The access log reads the agency from the raw request.
    (request.raw as IncomingMessage & { requestContext?: unknown }).requestContext = ctx;
  });
  const release = async (request: { requestContext?: { finish(succeeded: boolean): Promise<void> } }) => {
    await request.requestContext?.finish(false);
  };
  fastify.addHook('onResponse', release);
  fastify.addHook('onRequestAbort', release);
}
