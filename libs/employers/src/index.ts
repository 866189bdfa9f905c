export * from './contact-role';
export * from './employer-contact.entity';
export * from './employer.entity';
export * from './employer.model';
export * from './employers.module';
export * from './employers.resolver';
export * from './employers.service';
export * from './position.entity';
