export * from './follow-up.entity';
export * from './follow-up.model';
export * from './follow-ups.module';
export * from './follow-ups.resolver';
export * from './follow-ups.service';
export * from './dto/log-follow-up.input';
