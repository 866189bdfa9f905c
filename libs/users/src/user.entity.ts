import { Role } from '@lib/context';
import { Agency } from '@lib/agencies';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
@ForeignKey(() => Agency, ['agencyId'], ['id'], { name: 'users_agency_id_fkey' })
// Expression index (agency_id, lower(email)): created by the migration, left alone by schema sync.
@Index('users_agency_email_key', { synchronize: false })
@Index('users_agency_created_idx', ['agencyId', 'createdAt', 'id'])
@Check('users_role_check', `role IN ('ADMIN', 'COUNSELOR', 'CANDIDATE')`)
@Check('users_password_hash_check', `password_hash LIKE '$argon2id$%'`)
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
}
