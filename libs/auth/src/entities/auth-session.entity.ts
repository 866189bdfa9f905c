import { User } from '@lib/users';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One sign-in: the family of refresh tokens that descend from it. Revoking it ends them all. */
@Entity({ name: 'auth_sessions' })
@ForeignKey(() => User, ['agencyId', 'userId'], ['agencyId', 'id'], {
  name: 'auth_sessions_agency_id_user_id_fkey',
  onDelete: 'CASCADE',
})
@Index('auth_sessions_user_idx', ['agencyId', 'userId'])
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
