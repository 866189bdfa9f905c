import { User } from '@lib/users';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { PipelineFigures } from './report-figures';

/** One week of one agency, as generated: never changed; regenerating adds a revision. */
@Entity({ name: 'pipeline_reports' })
@ForeignKey(() => User, ['agencyId', 'generatedByUserId'], ['agencyId', 'id'], {
  name: 'pipeline_reports_generated_by_fkey',
})
@Unique('pipeline_reports_week_revision_key', ['agencyId', 'weekStart', 'revision'])
@Check('pipeline_reports_revision_check', `revision >= 1`)
export class PipelineReport {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('date', { name: 'week_start' })
  weekStart!: string;

  @Column('date', { name: 'week_end' })
  weekEnd!: string;

  @Column('text')
  timezone!: string;

  @Column('smallint')
  revision!: number;

  @Column('jsonb')
  figures!: PipelineFigures;

  @Column('timestamptz', { name: 'generated_at' })
  generatedAt!: Date;

  @Column('uuid', { name: 'generated_by_user_id', nullable: true })
  generatedByUserId!: string | null;
}
