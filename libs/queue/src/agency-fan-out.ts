import { Injectable } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { RequestContextFactory } from '@lib/context';
import type { Job, Queue } from 'bullmq';
import { TenantJobPayload } from './job-handler';
import { JOB_QUEUES, JobName } from './job-names';

/**
 * A sweep runs one job per agency, each in its own transaction under its own
 * row-level-security scope. The per-agency job ids derive from the sweep's
 * own id, so a retried or duplicated sweep enqueues nothing twice.
 */
@Injectable()
export class AgencyFanOut {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly moduleRef: ModuleRef,
  ) {}

  async enqueueForEveryAgency(sweep: Job, jobName: JobName): Promise<number> {
    const rows = await this.contexts.run(this.contexts.create(), (ctx) =>
      ctx.query<{ id: string }>('SELECT agency_ids() AS id'),
    );
    const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUES[jobName]), { strict: false });
    await queue.addBulk(
      rows.map(({ id }) => ({
        name: jobName,
        data: { agencyId: id } satisfies TenantJobPayload,
        // BullMQ ids may not contain colons; scheduler job ids do.
        opts: { jobId: [jobName, sweep.id, id].join('.').replace(/:/g, '-') },
      })),
    );
    return rows.length;
  }
}
