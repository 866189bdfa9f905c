import { sqlList } from '@lib/database';
import { Application } from '@lib/applications';
import { User } from '@lib/users';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

export enum TaskKind {
  /** The employer asked for references: "Need references? Done." (002) */
  SEND_REFERENCES = 'SEND_REFERENCES',
  /** The candidate asked for a debrief in the portal, with the times that suit them. */
  HOLD_DEBRIEF = 'HOLD_DEBRIEF',
}

/** Something a counselor must do by a due time. */
@Entity({ name: 'tasks' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], { name: 'tasks_application_fkey' })
@ForeignKey(() => User, ['agencyId', 'assigneeUserId'], ['agencyId', 'id'], { name: 'tasks_assignee_fkey' })
@Unique('tasks_source_key', ['agencyId', 'kind', 'sourceId'])
@Index('tasks_application_idx', ['agencyId', 'applicationId'])
// Partial index on open tasks: created by the migration.
@Index('tasks_open_idx', { synchronize: false })
@Check('tasks_kind_check', `kind IN (${sqlList(TaskKind)})`)
export class Task {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('text')
  kind!: TaskKind;

  /** The record that opened the task (a follow-up, a signal): opening it again is a no-op. */
  @Column('uuid', { name: 'source_id' })
  sourceId!: string;

  @Column('text')
  title!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('uuid', { name: 'assignee_user_id' })
  assigneeUserId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
