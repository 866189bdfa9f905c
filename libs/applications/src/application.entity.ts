import { Candidate } from '@lib/candidates';
import { Position } from '@lib/employers';
import { Stage, STAGE_SQL_LIST } from '@lib/pipeline';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/** A candidate put forward for a position, and where it stands in the pipeline. */
@Entity({ name: 'applications' })
@ForeignKey(() => Candidate, ['agencyId', 'candidateId'], ['agencyId', 'id'], { name: 'applications_candidate_fkey' })
@ForeignKey(() => Position, ['agencyId', 'positionId'], ['agencyId', 'id'], { name: 'applications_position_fkey' })
@Unique('applications_candidate_position_key', ['agencyId', 'candidateId', 'positionId'])
@Index('applications_position_idx', ['agencyId', 'positionId'])
@Index('applications_stage_idx', ['agencyId', 'stage'])
@Check('applications_interest_level_check', 'interest_level BETWEEN 1 AND 5')
@Check('applications_stage_check', `stage IN (${STAGE_SQL_LIST})`)
export class Application {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId!: string;

  @Column('uuid', { name: 'position_id' })
  positionId!: string;

  /** How much the candidate wants this job, 1 to 5: it drives how hard the agency fights for it (000). */
  @Column('smallint', { name: 'interest_level' })
  interestLevel!: number;

  @Column('text')
  stage!: Stage;

  @Column('timestamptz', { name: 'stage_changed_at' })
  stageChangedAt!: Date;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
