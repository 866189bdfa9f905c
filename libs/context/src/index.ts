export * from './context.module';
export * from './principal';
export * from './request-context';
export * from './request-context.factory';
export * from './role';
export * from './access.decorators';
export * from './http-ctx.decorator';
export * from './http-transaction.interceptor';
