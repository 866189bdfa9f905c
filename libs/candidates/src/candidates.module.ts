import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { Candidate } from './candidate.entity';
import { CandidatesResolver } from './candidates.resolver';
import { CandidatesService } from './candidates.service';

@Module({
  imports: [TypeOrmModule.forFeature([Candidate]), AuditModule],
  providers: [CandidatesService],
  exports: [CandidatesService],
})
export class CandidatesModule {}

@Module({ imports: [CandidatesModule], providers: [CandidatesResolver] })
export class CandidatesApiModule {}
