import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity';

@Entity({ name: 'refresh_tokens' })
@ForeignKey(() => AuthSession, ['agencyId', 'sessionId'], ['agencyId', 'id'], {
  name: 'refresh_tokens_agency_id_session_id_fkey',
  onDelete: 'CASCADE',
})
@Index('refresh_tokens_session_idx', ['agencyId', 'sessionId'])
export class RefreshToken {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'session_id' })
  sessionId!: string;

  @Column('bytea', { name: 'token_hash' })
  tokenHash!: Buffer;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  /** Set when the token was exchanged; presenting it again means it was stolen. */
  @Column('timestamptz', { name: 'rotated_at', nullable: true })
  rotatedAt!: Date | null;
}
