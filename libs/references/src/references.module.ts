import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@lib/applications';
import { AuditModule } from '@lib/audit';
import { TasksModule } from '@lib/tasks';
import { CandidateReference } from './candidate-reference.entity';
import { ReferenceSignal } from './reference-signal.entity';
import { ApplicationReferenceSignalsResolver, ReferenceSignalsResolver } from './reference-signals.resolver';
import { ReferenceSignalsService } from './reference-signals.service';

export const REFERENCE_ENTITIES = [CandidateReference, ReferenceSignal];

@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES), AuditModule, ApplicationsModule, TasksModule],
  providers: [ReferenceSignalsService],
  exports: [ReferenceSignalsService],
})
export class ReferencesModule {}

@Module({ imports: [ReferencesModule], providers: [ReferenceSignalsResolver, ApplicationReferenceSignalsResolver] })
export class ReferencesApiModule {}
