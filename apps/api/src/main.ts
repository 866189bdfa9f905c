import 'reflect-metadata';
import { exitOnBootFailure, httpConfig, loadDotEnv } from '@lib/config';
import { createApiApp } from './create-api-app';

loadDotEnv();

async function main(): Promise<void> {
  const app = await createApiApp();
  const { host, port } = httpConfig();
  await app.listen({ host, port });
}

main().catch(exitOnBootFailure);
