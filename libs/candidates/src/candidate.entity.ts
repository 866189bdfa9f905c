import { User } from '@lib/users';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'candidates' })
@ForeignKey(() => User, ['agencyId', 'counselorId'], ['agencyId', 'id'], { name: 'candidates_counselor_fkey' })
// Expression and trigram indexes: created by the migration, left alone by schema sync.
@Index('candidates_agency_email_key', { synchronize: false })
@Index('candidates_search_idx', { synchronize: false })
@Index('candidates_counselor_idx', ['agencyId', 'counselorId'])
@Index('candidates_created_idx', ['agencyId', 'createdAt', 'id'])
@Check('candidates_full_name_check', 'length(full_name) BETWEEN 1 AND 200')
export class Candidate {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text')
  email!: string;

  @Column('text', { nullable: true })
  phone!: string | null;

  /** The counselor who owns the candidate. */
  @Column('uuid', { name: 'counselor_id' })
  counselorId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** When the candidate was anonymised (their erasure request, or the retention period after rejection). */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;
}
