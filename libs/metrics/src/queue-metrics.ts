import { Injectable } from '@nestjs/common';
import { JobQueue, QueueName } from '@lib/queue';
import { Gauge, Histogram, Registry } from 'prom-client';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/** Queue depth, read from Redis at each scrape, so every process reports the same truth. */
export function registerQueueDepth(registry: Registry, jobs: JobQueue): void {
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of Object.values(QueueName)) {
        const counts = await jobs.queueByName(queue).getJobCounts(...STATES);
        for (const state of STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
}

/** The worker's job durations, by queue, job name and outcome. */
@Injectable()
export class JobDurations {
  readonly histogram: Histogram<'queue' | 'name' | 'status'>;

  constructor(readonly registry: Registry) {
    this.histogram = new Histogram({
      name: 'job_duration_seconds',
      help: 'Time a worker spent on a job',
      labelNames: ['queue', 'name', 'status'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  }

  async time<T>(queue: string, name: string, work: () => Promise<T>): Promise<T> {
    const stop = this.histogram.startTimer({ queue, name });
    try {
      const result = await work();
      stop({ status: 'completed' });
      return result;
    } catch (error) {
      stop({ status: 'failed' });
      throw error;
    }
  }
}
