export * from './agency-fan-out';
export * from './job-dispatcher';
export * from './job-handler';
export * from './job-names';
export * from './queue-names';
export * from './queue.module';
export * from './redis-connection';
export * from './job-queue';
