export * from './agency-policy.entity';
export * from './agency-policy.model';
export * from './agency-policy.module';
export * from './agency-policy.resolver';
export * from './agency-policy.service';
