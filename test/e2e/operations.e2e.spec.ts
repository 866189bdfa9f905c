import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { signUpAgency, SignedUpAgency } from '../support/factories';

describe('operations', () => {
  let api: TestApi;
  let agency: SignedUpAgency;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
  });

  afterAll(() => api.close());

  it('reports PostgreSQL and Redis on GET /health', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { info: unknown };
    expect(body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it("answers with the request id of the logs: the caller's own, or a new one", async () => {
    const supplied = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'trace-1234567890' } });
    expect(supplied.headers.get('x-request-id')).toBe('trace-1234567890');
    const made = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps schema.gql, the committed contract, equal to what the code declares', () => {
    const generated = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    // When this fails: run `npm run schema:generate` and commit schema.gql.
    expect(committed.trim()).toBe(generated.trim());
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, index) => `a${index}: me { id }`).join(' ');
    const response = await api.gql(`{ ${aliases} }`, {}, { token: agency.accessToken });
    expect(response.status).toBe(400);
    expect(response.errors![0].message).toMatch(/alias/i);
  });

  it('refuses a query over the cost limit', async () => {
    const fields = Array.from(
      { length: 10 },
      (_, index) =>
        `u${index}: users(first: 100) { edges { node { id email fullName role createdAt agency { id name slug timezone country } } } }`,
    ).join(' ');
    const response = await api.gql(`{ ${fields} }`, {}, { token: agency.accessToken });
    expect(response.status).toBe(400);
    expect(response.errors!.map((error) => error.message).join(' ')).toMatch(/cost/i);
  });

  it('answers an unknown field with a validation error, not an internal one', async () => {
    const response = await api.gql(`{ nothingHere }`, {}, { token: agency.accessToken });
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('operations in production', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'auto', GRAPHQL_MAX_DEPTH: '4' });
  });

  afterAll(() => api.close());

  it('turns introspection off', async () => {
    const response = await api.gql(`{ __schema { queryType { name } } }`);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.data ?? null).toBeNull();
  });

  it('refuses a query nested deeper than the limit', async () => {
    const shallow = await api.gql(`{ me { agency { id } } }`);
    expect(errorCode(shallow)).toBe('UNAUTHENTICATED');
    const deep = await api.gql(`{ users { edges { node { agency { id } } } } }`);
    expect(deep.status).toBe(400);
    expect(errorCode(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors![0].message).toMatch(/depth/i);
  });
});
