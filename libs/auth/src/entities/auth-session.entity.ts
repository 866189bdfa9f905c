import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sign-in: the family of refresh tokens that descend from it. Revoking it ends them all. */
@Entity({ name: 'auth_sessions' })
export class AuthSession {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason!: string | null;
}
