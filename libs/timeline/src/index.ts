export * from './describe-event';
export * from './timeline-event.model';
export * from './timeline.loader';
export * from './timeline.module';
export * from './timeline.resolver';
