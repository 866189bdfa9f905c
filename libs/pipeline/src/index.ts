export * from './stage';
export * from './transitions';
export * from './pipeline-sql';
