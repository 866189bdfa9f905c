export * from './app-role-check';
export * from './data-source-options';
export * from './database.module';
export * from './tenant-scope';
export * from './tenant-transaction';
export * from './migrator';
export * from './sql-list';
export * from './snapshot-readers';
