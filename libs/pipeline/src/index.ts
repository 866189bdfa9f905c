export * from './stage';
export * from './transitions';
