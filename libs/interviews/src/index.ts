export * from './interview.entity';
export * from './interview.model';
export * from './interviews.module';
export * from './interviews.resolver';
export * from './interviews.service';
