import { Candidate } from '@lib/candidates';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/** A candidate's request to be erased, carried out once the agency's review period is over. */
@Entity({ name: 'erasure_requests' })
@ForeignKey(() => Candidate, ['agencyId', 'candidateId'], ['agencyId', 'id'], {
  name: 'erasure_requests_candidate_fkey',
})
@Unique('erasure_requests_candidate_key', ['agencyId', 'candidateId'])
@Index('erasure_requests_due_idx', { synchronize: false })
export class ErasureRequest {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId!: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'erase_after' })
  eraseAfter!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
