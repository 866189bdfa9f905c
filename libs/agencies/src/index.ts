export * from './agencies.module';
export * from './agencies.service';
export * from './agency.entity';
export * from './agency.model';
export * from './slug';
