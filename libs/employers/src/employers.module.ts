import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { AuditModule } from '@lib/audit';
import { EmployerCalendarService } from './employer-calendar.service';
import { EmployerContact } from './employer-contact.entity';
import { Employer } from './employer.entity';
import { EmployersResolver, PositionEmployerResolver } from './employers.resolver';
import { EmployersService } from './employers.service';
import { Position } from './position.entity';

export const EMPLOYER_ENTITIES = [Employer, EmployerContact, Position];

@Module({
  imports: [TypeOrmModule.forFeature(EMPLOYER_ENTITIES), AuditModule, AgencyPolicyModule],
  providers: [EmployersService, EmployerCalendarService],
  exports: [EmployersService, EmployerCalendarService],
})
export class EmployersModule {}

@Module({ imports: [EmployersModule], providers: [EmployersResolver, PositionEmployerResolver] })
export class EmployersApiModule {}
