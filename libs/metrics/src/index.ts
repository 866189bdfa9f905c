export * from './metrics.module';
export * from './queue-metrics';
export * from './basic-auth';
