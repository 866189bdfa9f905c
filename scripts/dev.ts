/**
 * `npm run dev`: the whole product on one machine. Prepares PostgreSQL, Redis
 * and the schema (see prepareLocalEnvironment), then runs the API and the
 * worker until Ctrl-C, and stops what it started.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { loadDotEnv } from '@lib/config';
import { prepareLocalEnvironment } from '@lib/local-infra';

const log = (line: string) => process.stdout.write(`[dev] ${line}\n`);

function startApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { env, stdio: 'inherit' });
  child.on('exit', (code, signal) => log(`${name} exited (${signal ?? code})`));
  return child;
}

async function main(): Promise<void> {
  loadDotEnv();
  const local = await prepareLocalEnvironment(process.env.DEV_DATA_DIR || '.data', log);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development', ...local.env };
  const children = [startApp('api', 'apps/api/src/main.ts', env), startApp('worker', 'apps/worker/src/main.ts', env)];
  log(
    `API on http://${env.HTTP_HOST || '127.0.0.1'}:${env.HTTP_PORT || 3000}/graphql, health at /health. Ctrl-C stops everything.`,
  );

  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
    await local.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // If either app dies, stop the other rather than run half a product.
  for (const child of children) child.on('exit', (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
