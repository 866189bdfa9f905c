import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@lib/agencies';
import { AuditModule } from '@lib/audit';
import { AgencyPolicy } from './agency-policy.entity';
import { AgencyPolicyResolver } from './agency-policy.resolver';
import { AgencyPolicyService } from './agency-policy.service';

@Module({
  imports: [TypeOrmModule.forFeature([AgencyPolicy]), AgenciesModule, AuditModule],
  providers: [AgencyPolicyService],
  exports: [AgencyPolicyService],
})
export class AgencyPolicyModule {}

@Module({ imports: [AgencyPolicyModule], providers: [AgencyPolicyResolver] })
export class AgencyPolicyApiModule {}
