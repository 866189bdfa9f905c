export * from './user.entity';
export * from './user.model';
export * from './users.module';
export * from './users.resolver';
export * from './users.service';
