import 'reflect-metadata';
import { httpConfig } from '@lib/config';
import { exitOnBootFailure } from '@lib/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const app = await createApiApp();
  const { host, port } = httpConfig();
  await app.listen({ host, port });
}

main().catch(exitOnBootFailure);
