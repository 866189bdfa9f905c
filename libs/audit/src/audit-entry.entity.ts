import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who did what to which record, and when. Append-only for the application role. */
@Entity({ name: 'audit_entries' })
@Index('audit_entries_occurred_idx', ['agencyId', 'occurredAt', 'id'])
@Index('audit_entries_record_idx', ['agencyId', 'recordType', 'recordId'])
export class AuditEntry {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { name: 'record_type' })
  recordType!: string;

  @Column('uuid', { name: 'record_id' })
  recordId!: string;

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;
}
