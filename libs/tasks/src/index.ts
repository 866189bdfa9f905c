export * from './task.entity';
export * from './task.model';
export * from './tasks.module';
export * from './tasks.resolver';
export * from './tasks.service';
