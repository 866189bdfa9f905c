import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { Candidate } from './candidate.entity';
import { CandidatesResolver } from './candidates.resolver';
import { CandidatesService } from './candidates.service';
import { CandidateImportController } from './import/candidate-import.controller';
import { CandidateImportService } from './import/candidate-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([Candidate]), AuditModule],
  providers: [CandidatesService],
  exports: [CandidatesService],
})
export class CandidatesModule {}

@Module({
  imports: [CandidatesModule],
  controllers: [CandidateImportController],
  providers: [CandidatesResolver, CandidateImportService],
})
export class CandidatesApiModule {}
