import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { AuditModule } from '@lib/audit';
import { DataRightsAgencyJob, DataRightsSweepJob } from './data-rights.jobs';
import { ErasureRequest } from './erasure-request.entity';
import { ErasureService } from './erasure.service';

@Module({
  imports: [TypeOrmModule.forFeature([ErasureRequest]), AgencyPolicyModule, AuditModule],
  providers: [ErasureService],
  exports: [ErasureService],
})
export class DataRightsModule {}

@Module({ imports: [DataRightsModule], providers: [DataRightsSweepJob, DataRightsAgencyJob] })
export class DataRightsJobsModule {}
