export * from './portal.models';
export * from './portal.module';
export * from './portal.resolver';
export * from './portal.service';
export * from './portal-actions.resolver';
