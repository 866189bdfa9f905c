import { Agency } from '@lib/agencies';
import { ContactWindow, Weekday } from '@lib/policy';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

@Entity({ name: 'agency_policies' })
@Check('agency_policies_weekly_report_hour_check', `weekly_report_hour BETWEEN 0 AND 23`)
@ForeignKey(() => Agency, ['agencyId'], ['id'], { name: 'agency_policies_agency_fkey' })
export class AgencyPolicy {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @Column('smallint', { name: 'thank_you_within_working_days' })
  thankYouWithinWorkingDays!: number;

  @Column('smallint', { name: 'hr_status_email_after_working_days' })
  hrStatusEmailAfterWorkingDays!: number;

  @Column('smallint', { name: 'status_check_every_working_days' })
  statusCheckEveryWorkingDays!: number;

  @Column('smallint', { name: 'minimum_gap_working_days' })
  minimumGapWorkingDays!: number;

  @Column('text', { name: 'contact_days', array: true })
  contactDays!: Weekday[];

  @Column('jsonb', { name: 'contact_windows' })
  contactWindows!: ContactWindow[];

  @Column('smallint', { name: 'call_after_promised_date_working_days' })
  callAfterPromisedDateWorkingDays!: number;

  @Column('boolean', { name: 'leave_message_with_gatekeeper' })
  leaveMessageWithGatekeeper!: boolean;

  @Column('smallint', { name: 'escalate_to_hiring_manager_after_working_days' })
  escalateToHiringManagerAfterWorkingDays!: number;

  @Column('smallint', { name: 'hiring_manager_attempts_before_visit' })
  hiringManagerAttemptsBeforeVisit!: number;

  @Column('smallint', { name: 'out_of_running_after_working_days' })
  outOfRunningAfterWorkingDays!: number;

  @Column('smallint', { name: 'long_silence_after_working_days' })
  longSilenceAfterWorkingDays!: number;

  @Column('smallint', { name: 'low_pressure_contact_every_working_days' })
  lowPressureContactEveryWorkingDays!: number;

  @Column('smallint', { name: 'overdue_grace_working_days', default: 2 })
  overdueGraceWorkingDays!: number;

  @Column('smallint', { name: 'erasure_review_days', default: 30 })
  erasureReviewDays!: number;

  @Column('smallint', { name: 'rejected_retention_days', default: 365 })
  rejectedRetentionDays!: number;

  @Column('smallint', { name: 'weekly_report_hour', default: 7 })
  weeklyReportHour!: number;

  @Column('text', { name: 'report_recipients', array: true, default: () => "'{}'" })
  reportRecipients!: string[];

  @Column('char', { name: 'holiday_country', length: 2 })
  holidayCountry!: string;

  @Column('text', { name: 'holiday_region', nullable: true })
  holidayRegion!: string | null;

  @Column('date', { name: 'extra_holidays', array: true })
  extraHolidays!: string[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('uuid', { name: 'updated_by_user_id', nullable: true })
  updatedByUserId!: string | null;
}
