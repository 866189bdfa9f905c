import { User } from '@lib/users';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { AgencyWebhook } from './agency-webhook.entity';

export enum NotificationChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}

export enum NotificationStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Every attempt failed: kept for an admin to look at, never retried on its own. */
  DEAD = 'DEAD',
}

/**
 * The outbox: one message to deliver, written in the same transaction as what
 * it announces, so an escalation and its notification exist together or not
 * at all. `dedupeKey` names what it announces: announcing it again is a no-op.
 */
@Entity({ name: 'notifications' })
@ForeignKey(() => User, ['agencyId', 'recipientUserId'], ['agencyId', 'id'], { name: 'notifications_recipient_fkey' })
@ForeignKey(() => AgencyWebhook, ['agencyId', 'webhookId'], ['agencyId', 'id'], {
  name: 'notifications_webhook_fkey',
  onDelete: 'SET NULL',
})
@Unique('notifications_dedupe_key', ['agencyId', 'dedupeKey'])
@Index('notifications_pending_idx', { synchronize: false })
@Check('notifications_channel_check', `channel IN ('EMAIL', 'WEBHOOK')`)
@Check('notifications_status_check', `status IN ('PENDING', 'DELIVERED', 'DEAD')`)
export class Notification {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey!: string;

  /** What it announces, e.g. "escalation.raised", "digest.daily". */
  @Column('text')
  kind!: string;

  @Column('text')
  channel!: NotificationChannel;

  @Column('uuid', { name: 'recipient_user_id', nullable: true })
  recipientUserId!: string | null;

  @Column('uuid', { name: 'webhook_id', nullable: true })
  webhookId!: string | null;

  /** The e-mail address or the webhook URL. */
  @Column('text')
  target!: string;

  @Column('text')
  subject!: string;

  /** The e-mail's plain-text body; for a webhook, unused (the payload is the body). */
  @Column('text')
  body!: string;

  /** An e-mail's HTML alternative, when it has one. */
  @Column('text', { name: 'html_body', nullable: true })
  htmlBody!: string | null;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('text')
  status!: NotificationStatus;

  @Column('smallint', { default: 0 })
  attempts!: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
