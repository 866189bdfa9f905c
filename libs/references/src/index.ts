export * from './candidate-reference.entity';
export * from './reference-signal.entity';
export * from './reference-signal.model';
export * from './references.module';
export * from './reference-signals.resolver';
export * from './reference-signals.service';
