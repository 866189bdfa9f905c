import { Application } from '@lib/applications';
import { EmployerContact } from '@lib/employers';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Interview } from './interview.entity';

/** The candidate's account of an interview to the counselor (001), with what the follow-up needs. */
@Entity({ name: 'debriefs' })
@ForeignKey(() => Interview, ['agencyId', 'interviewId'], ['agencyId', 'id'], { name: 'debriefs_interview_fkey' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], { name: 'debriefs_application_fkey' })
@ForeignKey(() => EmployerContact, ['agencyId', 'promisedByContactId'], ['agencyId', 'id'], {
  name: 'debriefs_promised_by_fkey',
})
@ForeignKey(() => EmployerContact, ['agencyId', 'designatedContactId'], ['agencyId', 'id'], {
  name: 'debriefs_designated_contact_fkey',
})
@Unique('debriefs_interview_key', ['agencyId', 'interviewId'])
@Index('debriefs_application_idx', ['agencyId', 'applicationId'])
// The weekly report's, carrying the application (INCLUDE): created by the migration.
@Index('debriefs_covering_time_idx', { synchronize: false })
@Check('debriefs_rating_check', 'rating BETWEEN 1 AND 5')
export class Debrief {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'interview_id' })
  interviewId!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('timestamptz', { name: 'held_at' })
  heldAt!: Date;

  /** How it went, 1 (badly) to 5 (very well). */
  @Column('smallint')
  rating!: number;

  /** Whether the candidate asked how they did and what the next steps are (000). */
  @Column('boolean', { name: 'asked_about_next_steps' })
  askedAboutNextSteps!: boolean;

  @Column('timestamptz', { name: 'promised_decision_at', nullable: true })
  promisedDecisionAt!: Date | null;

  @Column('uuid', { name: 'promised_by_contact_id', nullable: true })
  promisedByContactId!: string | null;

  @Column('uuid', { name: 'designated_contact_id', nullable: true })
  designatedContactId!: string | null;

  /** The agreed slot if the candidate got permission to call (003). */
  @Column('timestamptz', { name: 'call_permission_slot_at', nullable: true })
  callPermissionSlotAt!: Date | null;

  @Column('text', { name: 'call_permission_best_way', nullable: true })
  callPermissionBestWay!: string | null;

  /** The strengths to press in follow-ups: "based on A, B and C" (000). */
  @Column('text', { array: true })
  strengths!: string[];

  /** Observations from the visit, to quote in an interest letter (001). */
  @Column('text', { nullable: true })
  observations!: string | null;

  /** Counselor-only notes. */
  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('uuid', { name: 'recorded_by_user_id', nullable: true })
  recordedByUserId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
