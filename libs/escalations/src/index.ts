export * from './escalation.entity';
export * from './escalation.model';
export * from './escalation-raiser';
export * from './escalation-resolution';
export * from './escalations.module';
export * from './escalations.resolver';
export * from './escalations.service';
export * from './jobs/escalation-jobs';
