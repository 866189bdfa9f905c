import { Candidate } from '@lib/candidates';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A referee of the candidate's. */
@Entity({ name: 'candidate_references' })
@ForeignKey(() => Candidate, ['agencyId', 'candidateId'], ['agencyId', 'id'], {
  name: 'candidate_references_candidate_fkey',
})
@Index('candidate_references_candidate_idx', ['agencyId', 'candidateId'])
export class CandidateReference {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId!: string;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text', { nullable: true })
  relationship!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  /** When the referee was told their details are held. */
  @Column('timestamptz', { name: 'informed_at', nullable: true })
  informedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
