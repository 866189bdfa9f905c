import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { JobDurations } from './queue-metrics';

/** One Prometheus registry per process, with Node's default metrics. */
@Global()
@Module({
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    JobDurations,
  ],
  exports: [Registry, JobDurations],
})
export class MetricsModule {}
