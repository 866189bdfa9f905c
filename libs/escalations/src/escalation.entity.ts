import { Application } from '@lib/applications';
import { sqlList } from '@lib/database';
import { EmployerContact } from '@lib/employers';
import { EscalationLevel } from '@lib/policy';
import { User } from '@lib/users';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { EscalationResolution } from './escalation-resolution';

/**
 * A stalled application, raised by the sweep for a counselor to act on.
 * (application, level, basis) is unique: however often the sweep runs, a rung
 * of one silence is raised once.
 */
@Entity({ name: 'escalations' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], {
  name: 'escalations_application_fkey',
})
@ForeignKey(() => EmployerContact, ['agencyId', 'contactId'], ['agencyId', 'id'], { name: 'escalations_contact_fkey' })
@ForeignKey(() => User, ['agencyId', 'assigneeUserId'], ['agencyId', 'id'], { name: 'escalations_assignee_fkey' })
@ForeignKey(() => User, ['agencyId', 'resolvedByUserId'], ['agencyId', 'id'], { name: 'escalations_resolved_by_fkey' })
@Unique('escalations_rung_key', ['agencyId', 'applicationId', 'level', 'basisAt'])
@Index('escalations_open_application_idx', { synchronize: false })
@Index('escalations_open_assignee_idx', { synchronize: false })
@Index('escalations_raised_idx', ['agencyId', 'raisedAt', 'id'])
@Index('escalations_resolved_time_idx', { synchronize: false })
@Check('escalations_level_check', `level IN (${sqlList(EscalationLevel)})`)
@Check('escalations_resolution_check', `resolution IN (${sqlList(EscalationResolution)})`)
@Check('escalations_resolution_consistency_check', `(resolved_at IS NULL) = (resolution IS NULL)`)
export class Escalation {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('text')
  level!: EscalationLevel;

  @Column('timestamptz', { name: 'basis_at' })
  basisAt!: Date;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('text')
  reason!: string;

  @Column('text', { name: 'recommended_action' })
  recommendedAction!: string;

  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId!: string | null;

  @Column('uuid', { name: 'assignee_user_id', nullable: true })
  assigneeUserId!: string | null;

  @Column('timestamptz', { name: 'raised_at' })
  raisedAt!: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { nullable: true })
  resolution!: EscalationResolution | null;

  @Column('text', { name: 'resolution_notes', nullable: true })
  resolutionNotes!: string | null;

  @Column('uuid', { name: 'resolved_by_user_id', nullable: true })
  resolvedByUserId!: string | null;
}
