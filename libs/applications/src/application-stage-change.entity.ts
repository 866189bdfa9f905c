import { Stage, STAGE_SQL_LIST } from '@lib/pipeline';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Application } from './application.entity';

/** One move of an application's stage: who, when and why. */
@Entity({ name: 'application_stage_changes' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], {
  name: 'application_stage_changes_application_fkey',
})
@Index('application_stage_changes_application_idx', ['agencyId', 'applicationId', 'changedAt'])
// The weekly report's, carrying the application and both stages (INCLUDE): created by the migration.
@Index('application_stage_changes_covering_time_idx', { synchronize: false })
@Check('application_stage_changes_from_check', `from_stage IN (${STAGE_SQL_LIST})`)
@Check('application_stage_changes_to_check', `to_stage IN (${STAGE_SQL_LIST})`)
export class ApplicationStageChange {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  /** Null for the stage an application is created in. */
  @Column('text', { name: 'from_stage', nullable: true })
  fromStage!: Stage | null;

  @Column('text', { name: 'to_stage' })
  toStage!: Stage;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** Null when a worker moved it. */
  @Column('uuid', { name: 'changed_by_user_id', nullable: true })
  changedByUserId!: string | null;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;
}
