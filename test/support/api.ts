import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestDatabase, TestDatabase } from './database';
import { applyTestEnv } from './test-env';

export interface GraphqlError {
  message: string;
  extensions: { code: string; [key: string]: unknown };
}

export interface GraphqlResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphqlError[];
}

export interface RequestOptions {
  token?: string;
  /** Sent as X-Forwarded-For: the client address the API sees. */
  clientAddress?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  app: NestFastifyApplication;
  db: TestDatabase;
  env: Record<string, string>;
  gql<TData = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphqlResponse<TData>>;
  close(): Promise<void>;
}

/** Boots the real API on a free port, over its own fresh database, and talks to it over HTTP. */
export async function startTestApi(overrides: Record<string, string> = {}, db?: TestDatabase): Promise<TestApi> {
  const database = db ?? (await createTestDatabase());
  const env = applyTestEnv(database, overrides);
  const app = await createApiApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const gql = async <TData>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: TData | null; errors?: GraphqlError[] };
    return { status: response.status, ...body };
  };

  return {
    url,
    app,
    db: database,
    env,
    gql,
    close: async () => {
      await app.close();
      if (!db) await database.drop();
    },
  };
}

/** The one error code of a response that must have failed. */
export function errorCode(response: GraphqlResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions.code;
}
