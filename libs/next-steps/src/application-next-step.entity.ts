import { Application } from '@lib/applications';
import { sqlList } from '@lib/database';
import { EmployerContact } from '@lib/employers';
import { EscalationLevel, NextAction, TemperatureReason } from '@lib/policy';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The engine's latest plan for one application: its next step, its
 * temperature, and the next escalation rung with its due time, which the
 * set-based sweep reads. Rewritten whenever the application's history changes.
 */
@Entity({ name: 'application_next_steps' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], {
  name: 'application_next_steps_application_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey(() => EmployerContact, ['agencyId', 'contactId'], ['agencyId', 'id'], {
  name: 'application_next_steps_contact_fkey',
})
@ForeignKey(() => EmployerContact, ['agencyId', 'escalationContactId'], ['agencyId', 'id'], {
  name: 'application_next_steps_escalation_contact_fkey',
})
@Index('application_next_steps_escalation_due_idx', { synchronize: false })
@Index('application_next_steps_due_idx', ['agencyId', 'dueAt'])
@Index('application_next_steps_temperature_idx', ['agencyId', 'temperatureScore'])
@Check('application_next_steps_action_check', `action IN (${sqlList(NextAction)})`)
@Check('application_next_steps_temperature_check', `temperature_score BETWEEN 0 AND 100`)
@Check('application_next_steps_escalation_level_check', `escalation_level IN (${sqlList(EscalationLevel)})`)
@Check(
  'application_next_steps_escalation_check',
  `(escalation_level IS NULL) = (escalation_due_at IS NULL) AND (escalation_level IS NULL) = (escalation_basis_at IS NULL)`,
)
export class ApplicationNextStep {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('text')
  action!: NextAction;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId!: string | null;

  @Column('text')
  reason!: string;

  @Column('smallint', { name: 'temperature_score' })
  temperatureScore!: number;

  @Column('jsonb', { name: 'temperature_reasons' })
  temperatureReasons!: TemperatureReason[];

  @Column('text', { name: 'escalation_level', nullable: true })
  escalationLevel!: EscalationLevel | null;

  @Column('timestamptz', { name: 'escalation_due_at', nullable: true })
  escalationDueAt!: Date | null;

  @Column('timestamptz', { name: 'escalation_basis_at', nullable: true })
  escalationBasisAt!: Date | null;

  @Column('text', { name: 'escalation_reason', nullable: true })
  escalationReason!: string | null;

  @Column('text', { name: 'escalation_action', nullable: true })
  escalationAction!: string | null;

  @Column('uuid', { name: 'escalation_contact_id', nullable: true })
  escalationContactId!: string | null;

  /** When the application's delayed job fires: the next time something may change without an event. */
  @Column('timestamptz', { name: 'wake_at', nullable: true })
  wakeAt!: Date | null;

  @Column('timestamptz', { name: 'computed_at' })
  computedAt!: Date;
}
