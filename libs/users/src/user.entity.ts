import { Role } from '@lib/context';
import { Agency } from '@lib/agencies';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

@Entity({ name: 'users' })
@ForeignKey(() => Agency, ['agencyId'], ['id'], { name: 'users_agency_id_fkey' })
// Expression index (agency_id, lower(email)): created by the migration, left alone by schema sync.
@Index('users_agency_email_key', { synchronize: false })
@Index('users_agency_created_idx', ['agencyId', 'createdAt', 'id'])
@Check('users_role_check', `role IN ('ADMIN', 'COUNSELOR', 'CANDIDATE')`)
@Check('users_password_hash_check', `password_hash LIKE '$argon2id$%'`)
@Check('users_candidate_check', `(role = 'CANDIDATE') = (candidate_id IS NOT NULL)`)
// By name: the candidates library depends on this one (a candidate's counselor is a user).
@ForeignKey('Candidate', ['agencyId', 'candidateId'], ['agencyId', 'id'], { name: 'users_candidate_fkey' })
@Unique('users_candidate_key', ['agencyId', 'candidateId'])
export class User {
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

  /** argon2id; never leaves this service. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** A candidate's portal account: the candidate it belongs to. Null for staff. */
  @Column('uuid', { name: 'candidate_id', nullable: true })
  candidateId!: string | null;

  /** Set by an admin: the account can no longer sign in, refresh or use a token. Null while active. */
  @Column('timestamptz', { name: 'deactivated_at', nullable: true })
  deactivatedAt!: Date | null;
}

export function isDeactivated(user: Pick<User, 'deactivatedAt'>): boolean {
  return user.deactivatedAt !== null && user.deactivatedAt !== undefined;
}
