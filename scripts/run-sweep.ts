/**
 * `npm run sweep`: asks the workers to sweep every agency for stalled
 * applications now, instead of at the next quarter hour. It only enqueues the
 * sweep (REDIS_URL, REDIS_KEY_PREFIX, REDIS_CLUSTER_NODES); a running worker does the work, one
 * job and one transaction per agency.
 */
import { loadDotEnv, redisConfig } from '@lib/config';
import {
  bullPrefix,
  closeQueueConnection,
  DEFAULT_JOB_OPTIONS,
  JOB_QUEUES,
  jobId,
  JobName,
  JobPayloads,
  queueConnection,
} from '@lib/queue';
import { Queue } from 'bullmq';

async function main(): Promise<void> {
  loadDotEnv();
  const redis = redisConfig();
  const connection = queueConnection(redis);
  const queue = new Queue(JOB_QUEUES[JobName.ESCALATION_SWEEP], {
    connection,
    prefix: bullPrefix(redis.keyPrefix),
    // The workers' retries: a sweep asked for while the database is down runs once it is back.
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  try {
    const id = jobId('manual', JobName.ESCALATION_SWEEP, Date.now());
    const payload: JobPayloads[JobName.ESCALATION_SWEEP] = {};
    await queue.add(JobName.ESCALATION_SWEEP, payload, { jobId: id });
    process.stdout.write(`Escalation sweep enqueued as job ${id}\n`);
  } finally {
    await queue.close();
    await closeQueueConnection(connection);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
