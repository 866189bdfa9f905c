import { Application } from '@lib/applications';
import { EmployerContact } from '@lib/employers';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One interview round of an application. */
@Entity({ name: 'interviews' })
@ForeignKey(() => Application, ['agencyId', 'applicationId'], ['agencyId', 'id'], {
  name: 'interviews_application_fkey',
})
@Index('interviews_application_idx', ['agencyId', 'applicationId', 'occurredAt'])
@Index('interviews_time_idx', ['agencyId', 'occurredAt'])
export class Interview {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  /** Agency-arranged interviews are followed by a debrief with the counselor (001). */
  @Column('boolean', { name: 'arranged_by_agency' })
  arrangedByAgency!: boolean;

  @Column('uuid', { name: 'recorded_by_user_id', nullable: true })
  recordedByUserId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** Who interviewed: contacts of the employer. */
@Entity({ name: 'interview_interviewers' })
@ForeignKey(() => Interview, ['agencyId', 'interviewId'], ['agencyId', 'id'], {
  name: 'interview_interviewers_interview_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey(() => EmployerContact, ['agencyId', 'contactId'], ['agencyId', 'id'], {
  name: 'interview_interviewers_contact_fkey',
})
@Index('interview_interviewers_contact_idx', ['agencyId', 'contactId'])
export class InterviewInterviewer {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid', { name: 'interview_id' })
  interviewId!: string;

  @PrimaryColumn('uuid', { name: 'contact_id' })
  contactId!: string;
}
