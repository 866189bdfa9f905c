export * from './domain-errors';
export * from './error-codes';
export * from './to-client-error';
export * from './validation';
export * from './input-rules';
export * from './request-errors';
export * from './storable-text';
