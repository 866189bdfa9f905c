export * from './application-stage-change.entity';
export * from './application.entity';
export * from './application.model';
export * from './applications.module';
export * from './applications.resolver';
export * from './applications.service';
export * from './dto/applications.args';
export * from './application-planner';
