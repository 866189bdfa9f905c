import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Starts an app the way `npm run dev` does, from an empty folder so no .env file is read. */
function boot(entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
    cwd: mkdtempSync(join(tmpdir(), 'boot-')),
    env: {
      PATH: process.env.PATH!,
      NODE_PATH: join(ROOT, 'node_modules'),
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

const VALID = {
  DATABASE_URL: 'postgres://owner:pw@127.0.0.1:1/db',
  DATABASE_APP_URL: 'postgres://app:pw@127.0.0.1:1/db',
  AUTH_JWT_SECRET: 'x'.repeat(40),
};

describe('configuration at boot', () => {
  it('stops the API with one line naming a missing variable', () => {
    const { AUTH_JWT_SECRET: _omitted, ...withoutSecret } = VALID;
    const result = boot('apps/api/src/main.ts', withoutSecret);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/AUTH_JWT_SECRET/);
  });

  it('stops the worker with one line naming a malformed variable', () => {
    const result = boot('apps/worker/src/main.ts', { ...VALID, DATABASE_POOL_SIZE: 'many' });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/DATABASE_POOL_SIZE/);
  });
});
