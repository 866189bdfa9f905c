export * from './application-next-step.entity';
export * from './history.loader';
export * from './next-step.model';
export * from './next-steps.module';
export * from './next-steps.resolver';
export * from './next-steps.service';
export * from './recompute-agency.job';
export * from './digest/daily-digest.jobs';
