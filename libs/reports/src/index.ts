export * from './report-figures';
export * from './report-figures.service';
export * from './report-week';
export * from './reports.module';
