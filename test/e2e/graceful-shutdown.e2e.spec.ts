import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@lib/local-infra';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testInfra } from '../support/infra';

const ROOT = join(__dirname, '..', '..');

interface RunningApp {
  child: ChildProcess;
  messages: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts an app as `npm run dev` does, and collects the messages of its JSON log lines. */
function start(entry: string, env: Record<string, string>): RunningApp {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const messages: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      try {
        messages.push(JSON.parse(line).msg);
      } catch {
        // not a log line
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, messages, exit };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(condition()).catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

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
