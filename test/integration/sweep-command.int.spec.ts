import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bullPrefix, JobName, QueueName } from '@lib/queue';
import { Queue } from 'bullmq';
import { testInfra } from '../support/infra';

const ROOT = join(__dirname, '..', '..');

describe('npm run sweep', () => {
  it('enqueues an escalation sweep of every agency for the workers', async () => {
    const prefix = `sweep-command-${randomBytes(4).toString('hex')}`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'scripts/run-sweep.ts')],
      { cwd: ROOT, env: { ...process.env, REDIS_URL: testInfra().redisUrl, REDIS_KEY_PREFIX: prefix } },
    );
    expect(stdout).toMatch(/^Escalation sweep enqueued as job /);
    const queue = new Queue(QueueName.FOLLOW_UP, {
      connection: { url: testInfra().redisUrl },
      prefix: bullPrefix(prefix),
    });
    try {
      const waiting = await queue.getWaiting();
      expect(waiting.map((job) => [job.name, job.data])).toEqual([[JobName.ESCALATION_SWEEP, {}]]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
