export * from './interview.entity';
export * from './interview.model';
export * from './interviews.module';
export * from './interviews.resolver';
export * from './interviews.service';
export * from './debrief.entity';
export * from './debrief.model';
export * from './debriefs.service';
