import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue } from '@lib/queue';

type SweepJobName =
  | JobName.PURGE_EXPIRED_AUTH_SWEEP
  | JobName.ESCALATION_SWEEP
  | JobName.DIGEST_SWEEP
  | JobName.DATA_RIGHTS_SWEEP
  | JobName.REPORT_SCHEDULES_SWEEP;

/** The recurring jobs, upserted at every start, so a schedule exists once however many workers run. */
const SCHEDULES: Array<{ name: SweepJobName; pattern: string }> = [
  { name: JobName.PURGE_EXPIRED_AUTH_SWEEP, pattern: '17 3 * * *' },
  // The safety net behind each application's own delayed job.
  { name: JobName.ESCALATION_SWEEP, pattern: '*/15 * * * *' },
  // Hourly, because agencies' mornings come at different UTC hours.
  { name: JobName.DIGEST_SWEEP, pattern: '5 * * * *' },
  // Erasure requests past their review period, and rejected candidates past retention.
  { name: JobName.DATA_RIGHTS_SWEEP, pattern: '37 2 * * *' },
  // Keeps each agency's own Monday report scheduler in step with its time zone and chosen hour.
  { name: JobName.REPORT_SCHEDULES_SWEEP, pattern: '23 * * * *' },
];

@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.install();
    // A Redis that restarts without its data comes back without the schedulers, and with them the sweep that
    // is the safety net of every lost wake-up: upsert them again each time the connection is ready again.
    const connection = await this.jobs.queueOf(JobName.ESCALATION_SWEEP).client;
    connection.on('ready', () => {
      this.install().catch((error: unknown) =>
        this.logger.warn(`Schedules not reinstalled after a Redis reconnect: ${String(error)}`),
      );
    });
  }

  private async install(): Promise<void> {
    for (const { name, pattern } of SCHEDULES) {
      await this.jobs.queueOf(name).upsertJobScheduler(name, { pattern, tz: 'UTC' }, { name, data: {} });
    }
  }
}
