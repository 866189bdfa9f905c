export * from './data-rights.jobs';
export * from './data-rights.module';
export * from './erasure-request.entity';
export * from './erasure.service';
export * from './personal-data-scrub';
