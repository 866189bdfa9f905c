import { Application } from '@lib/applications';
import { Candidate } from '@lib/candidates';
import { sqlList } from '@lib/database';
import { Employer, EmployerContact } from '@lib/employers';
import { Channel, DelayReason, Direction, Outcome, Purpose, ResponseKind } from '@lib/policy';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One contact with the employer about an application, and the employer's answer if any. */
@Entity({ name: 'follow_ups' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], {
  name: 'follow_ups_application_fkey',
})
@ForeignKey(() => Candidate, ['agencyId', 'candidateId'], ['agencyId', 'id'], { name: 'follow_ups_candidate_fkey' })
@ForeignKey(() => Employer, ['agencyId', 'employerId'], ['agencyId', 'id'], { name: 'follow_ups_employer_fkey' })
@ForeignKey(() => EmployerContact, ['agencyId', 'contactId'], ['agencyId', 'id'], { name: 'follow_ups_contact_fkey' })
@Index('follow_ups_application_idx', ['agencyId', 'applicationId', 'occurredAt'])
// The weekly report's, outbound only and carrying what it counts (INCLUDE): created by the migration.
@Index('follow_ups_outbound_time_idx', { synchronize: false })
@Index('follow_ups_contact_idx', ['agencyId', 'contactId'])
// Partial index for the stalker guard: created by the migration.
@Index('follow_ups_gap_idx', { synchronize: false })
@Check('follow_ups_channel_check', `channel IN (${sqlList(Channel)})`)
@Check('follow_ups_purpose_check', `purpose IN (${sqlList(Purpose)})`)
@Check('follow_ups_outcome_check', `outcome IN (${sqlList(Outcome)})`)
@Check('follow_ups_direction_check', `direction IN (${sqlList(Direction)})`)
@Check('follow_ups_response_kind_check', `response_kind IN (${sqlList(ResponseKind)})`)
@Check('follow_ups_delay_reason_check', `response_delay_reason IN (${sqlList(DelayReason)})`)
export class FollowUp {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  /** The application's candidate and employer, kept here for the stalker guard's index. */
  @Column('uuid', { name: 'candidate_id' })
  candidateId!: string;

  @Column('uuid', { name: 'employer_id' })
  employerId!: string;

  @Column('uuid', { name: 'contact_id' })
  contactId!: string;

  @Column('text')
  channel!: Channel;

  @Column('text')
  purpose!: Purpose;

  @Column('text')
  outcome!: Outcome;

  @Column('text')
  direction!: Direction;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'response_kind', nullable: true })
  responseKind!: ResponseKind | null;

  @Column('timestamptz', { name: 'response_new_decision_at', nullable: true })
  responseNewDecisionAt!: Date | null;

  @Column('text', { name: 'response_delay_reason', nullable: true })
  responseDelayReason!: DelayReason | null;

  @Column('timestamptz', { name: 'response_resume_at', nullable: true })
  responseResumeAt!: Date | null;

  /** Counselor-only notes. */
  @Column('text', { nullable: true })
  notes!: string | null;

  /** Set when the stalker guard was overridden, with why. */
  @Column('text', { name: 'override_reason', nullable: true })
  overrideReason!: string | null;

  @Column('boolean', { name: 'starts_gap' })
  startsGap!: boolean;

  @Column('uuid', { name: 'logged_by_user_id', nullable: true })
  loggedByUserId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
