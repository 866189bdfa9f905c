import { freePort } from '@lib/local-infra';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testInfra } from '../support/infra';
import { startApp as start, until } from '../support/processes';

describe('graceful shutdown', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      REDIS_URL: testInfra().redisUrl,
      REDIS_KEY_PREFIX: `shutdown-${process.pid}`,
      AUTH_JWT_SECRET: 'x'.repeat(40),
    };
  });

  afterAll(() => db.drop());

  // Nest closes everything on SIGTERM, then re-raises the signal: the exit is "by SIGTERM", after "Stopped".
  it('stops the API on SIGTERM: it closes its connections first, then stops serving', async () => {
    const port = await freePort();
    const api = start('apps/api/src/main.ts', { ...env, HTTP_PORT: String(port) });
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 'the API to serve');
    api.child.kill('SIGTERM');
    expect(await api.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(api.messages).toEqual(
      expect.arrayContaining(['Shutting down on SIGTERM: finishing work in hand', 'Stopped']),
    );
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('stops the worker on SIGTERM after closing its queue workers', async () => {
    const worker = start('apps/worker/src/main.ts', env);
    await until(() => worker.messages.includes('Ready'), 'the worker to be ready');
    worker.child.kill('SIGTERM');
    expect(await worker.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(worker.messages).toEqual(
      expect.arrayContaining(['Shutting down on SIGTERM: finishing work in hand', 'Stopped']),
    );
  });
});
