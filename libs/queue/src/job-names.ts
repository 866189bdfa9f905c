import { QueueName } from './queue-names';

/** Every job the product runs. The worker refuses to start unless each has exactly one handler. */
export enum JobName {
  PURGE_EXPIRED_AUTH_SWEEP = 'auth.purge-expired.sweep',
  PURGE_EXPIRED_AUTH = 'auth.purge-expired',
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.PURGE_EXPIRED_AUTH_SWEEP]: QueueName.MAINTENANCE,
  [JobName.PURGE_EXPIRED_AUTH]: QueueName.MAINTENANCE,
};
