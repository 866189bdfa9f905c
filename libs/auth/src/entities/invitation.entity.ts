import { Role } from '@lib/context';
import { User } from '@lib/users';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'invitations' })
@ForeignKey(() => User, ['agencyId', 'invitedByUserId'], ['agencyId', 'id'], {
  name: 'invitations_agency_id_invited_by_user_id_fkey',
  onDelete: 'CASCADE',
})
// ON DELETE SET NULL (accepted_user_id) keeps agency_id: declared in the migration.
@ForeignKey(() => User, ['agencyId', 'acceptedUserId'], ['agencyId', 'id'], {
  name: 'invitations_agency_id_accepted_user_id_fkey',
  onDelete: 'SET NULL',
})
// Partial index on pending invitations: created by the migration, left alone by schema sync.
@Index('invitations_expiry_idx', { synchronize: false })
@Check('invitations_role_check', `role IN ('ADMIN', 'COUNSELOR', 'CANDIDATE')`)
@Check('invitations_candidate_check', `(role = 'CANDIDATE') = (candidate_id IS NOT NULL)`)
@ForeignKey('Candidate', ['agencyId', 'candidateId'], ['agencyId', 'id'], {
  name: 'invitations_candidate_fkey',
  onDelete: 'CASCADE',
})
@Index('invitations_candidate_idx', ['agencyId', 'candidateId'])
export class Invitation {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text')
  role!: Role;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash!: Buffer;

  @Column('uuid', { name: 'invited_by_user_id' })
  invitedByUserId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { name: 'accepted_user_id', nullable: true })
  acceptedUserId!: string | null;

  /** For a candidate's invitation: whose portal account it opens. */
  @Column('uuid', { name: 'candidate_id', nullable: true })
  candidateId!: string | null;
}
