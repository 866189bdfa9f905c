import { Application } from '@lib/applications';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CandidateReference } from './candidate-reference.entity';

/** "You'll know a company is serious when it asks for your references and begins to check them" (001). */
export enum ReferenceSignalKind {
  REFERENCES_REQUESTED = 'REFERENCES_REQUESTED',
  REFERENCE_CONTACTED = 'REFERENCE_CONTACTED',
  REFERENCE_CHECK_COMPLETED = 'REFERENCE_CHECK_COMPLETED',
}

@Entity({ name: 'reference_signals' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], {
  name: 'reference_signals_application_fkey',
})
@ForeignKey(() => CandidateReference, ['agencyId', 'referenceId'], ['agencyId', 'id'], {
  name: 'reference_signals_reference_fkey',
})
@Index('reference_signals_application_idx', ['agencyId', 'applicationId', 'occurredAt'])
@Index('reference_signals_time_idx', ['agencyId', 'occurredAt'])
@Check(
  'reference_signals_kind_check',
  `kind IN ('REFERENCES_REQUESTED', 'REFERENCE_CONTACTED', 'REFERENCE_CHECK_COMPLETED')`,
)
export class ReferenceSignal {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('text')
  kind!: ReferenceSignalKind;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('uuid', { name: 'reference_id', nullable: true })
  referenceId!: string | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('uuid', { name: 'recorded_by_user_id', nullable: true })
  recordedByUserId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
