import { errorCodes, FastifyInstance } from 'fastify';

/** The media type alone: `application/json; charset=utf-8` is application/json. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A POST to the GraphQL endpoint must be `Content-Type: application/json`,
 * refused with 415 before its body is read otherwise. A page of another site
 * can make a browser send a form (urlencoded, multipart, text/plain) with the
 * user's cookies and without asking first, and Nest parses urlencoded bodies
 * by default: such a post would run mutations. JSON needs a CORS preflight,
 * which no other site passes. GET stays open for queries; Mercurius refuses
 * mutations sent with GET (405).
 */
export function installGraphqlJsonOnly(fastify: FastifyInstance, path: string): void {
  fastify.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' || request.routeOptions.url !== path) return;
    if (mediaType(request.headers['content-type']) === 'application/json') return;
    // Fastify's own 415, answered like the one its parsers give (BAD_REQUEST, status kept).
    throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE();
  });
}
