import { Injectable } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUES, JobName, JobPayloads } from './job-names';
import { QueueName } from './queue-names';

/** Adds jobs by name, with the payload type of that name, to the queue the name belongs to. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  add<Name extends JobName>(name: Name, payload: JobPayloads[Name], options: JobsOptions = {}): Promise<unknown> {
    return this.queueOf(name).add(name, payload, options);
  }

  addBulk<Name extends JobName>(
    name: Name,
    jobs: Array<{ payload: JobPayloads[Name]; options?: JobsOptions }>,
  ): Promise<unknown> {
    return this.queueOf(name).addBulk(jobs.map((job) => ({ name, data: job.payload, opts: job.options ?? {} })));
  }

  /** Removes a waiting or delayed job; a job already running or gone is left alone. */
  async remove(name: JobName, id: string): Promise<void> {
    await this.queueOf(name)
      .remove(id)
      .catch(() => undefined);
  }

  queueOf(name: JobName): Queue {
    return this.queueByName(JOB_QUEUES[name]);
  }

  queueByName(queue: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(queue), { strict: false });
  }
}
