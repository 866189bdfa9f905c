export * from './candidate.entity';
export * from './candidate.model';
export * from './candidates.module';
export * from './candidates.resolver';
export * from './candidates.service';
export * from './dto/candidates.args';
export * from './dto/create-candidate.input';
