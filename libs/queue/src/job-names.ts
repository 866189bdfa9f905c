import { QueueName } from './queue-names';

/** Every job the product runs. The worker refuses to start unless each has exactly one handler. */
export enum JobName {
  PURGE_EXPIRED_AUTH_SWEEP = 'auth.purge-expired.sweep',
  PURGE_EXPIRED_AUTH = 'auth.purge-expired',
  NEXT_STEP_DUE = 'follow-up.next-step-due',
  ESCALATION_SWEEP = 'follow-up.escalation.sweep',
  ESCALATE_AGENCY = 'follow-up.escalation.agency',
  RECOMPUTE_AGENCY = 'follow-up.recompute.agency',
  DELIVER_NOTIFICATIONS = 'notifications.deliver',
  DIGEST_SWEEP = 'notifications.digest.sweep',
  DIGEST_AGENCY = 'notifications.digest.agency',
  DATA_RIGHTS_SWEEP = 'data-rights.sweep',
  DATA_RIGHTS_AGENCY = 'data-rights.agency',
  REPORT_SCHEDULES_SWEEP = 'reports.schedules.sweep',
  REPORT_SCHEDULE_AGENCY = 'reports.schedule.agency',
  WEEKLY_REPORT = 'reports.weekly',
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.PURGE_EXPIRED_AUTH_SWEEP]: QueueName.MAINTENANCE,
  [JobName.PURGE_EXPIRED_AUTH]: QueueName.MAINTENANCE,
  [JobName.NEXT_STEP_DUE]: QueueName.FOLLOW_UP,
  [JobName.ESCALATION_SWEEP]: QueueName.FOLLOW_UP,
  [JobName.ESCALATE_AGENCY]: QueueName.FOLLOW_UP,
  [JobName.RECOMPUTE_AGENCY]: QueueName.FOLLOW_UP,
  [JobName.DELIVER_NOTIFICATIONS]: QueueName.NOTIFICATIONS,
  [JobName.DIGEST_SWEEP]: QueueName.NOTIFICATIONS,
  [JobName.DIGEST_AGENCY]: QueueName.NOTIFICATIONS,
  [JobName.DATA_RIGHTS_SWEEP]: QueueName.MAINTENANCE,
  [JobName.DATA_RIGHTS_AGENCY]: QueueName.MAINTENANCE,
  [JobName.REPORT_SCHEDULES_SWEEP]: QueueName.MAINTENANCE,
  [JobName.REPORT_SCHEDULE_AGENCY]: QueueName.MAINTENANCE,
  [JobName.WEEKLY_REPORT]: QueueName.MAINTENANCE,
};

/**
 * Each job's payload: ids only, never personal data, so a job payload kept
 * in Redis holds nothing an erasure would have to find. Every job that works
 * on one agency's data carries that agency's id.
 */
export interface JobPayloads {
  [JobName.PURGE_EXPIRED_AUTH_SWEEP]: Record<string, never>;
  [JobName.PURGE_EXPIRED_AUTH]: { agencyId: string };
  [JobName.NEXT_STEP_DUE]: { agencyId: string; applicationId: string };
  [JobName.ESCALATION_SWEEP]: Record<string, never>;
  [JobName.ESCALATE_AGENCY]: { agencyId: string };
  [JobName.RECOMPUTE_AGENCY]: { agencyId: string };
  [JobName.DELIVER_NOTIFICATIONS]: { agencyId: string };
  [JobName.DIGEST_SWEEP]: Record<string, never>;
  [JobName.DIGEST_AGENCY]: { agencyId: string };
  [JobName.DATA_RIGHTS_SWEEP]: Record<string, never>;
  [JobName.DATA_RIGHTS_AGENCY]: { agencyId: string };
  [JobName.REPORT_SCHEDULES_SWEEP]: Record<string, never>;
  [JobName.REPORT_SCHEDULE_AGENCY]: { agencyId: string };
  [JobName.WEEKLY_REPORT]: { agencyId: string };
}

/** BullMQ job ids may not contain colons (scheduler job ids do). */
export function jobId(...parts: Array<string | number>): string {
  return parts.join('.').replace(/:/g, '-');
}
