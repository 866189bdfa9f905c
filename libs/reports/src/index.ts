export * from './pipeline-report.entity';
export * from './pipeline-report.model';
export * from './pipeline-reports.resolver';
export * from './pipeline-reports.service';
export * from './report-figures';
export * from './report-figures.service';
export * from './report-week';
export * from './reports.module';
