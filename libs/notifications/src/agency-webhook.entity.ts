import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An endpoint of the agency's that receives its events, signed with the webhook's own secret. */
@Entity({ name: 'agency_webhooks' })
@Unique('agency_webhooks_url_key', ['agencyId', 'url'])
@Check('agency_webhooks_url_check', `url ~ '^https?://' AND length(url) <= 2000`)
export class AgencyWebhook {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  url!: string;

  /** The HMAC key; shown to the admin once, at creation. */
  @Column('text')
  secret!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
