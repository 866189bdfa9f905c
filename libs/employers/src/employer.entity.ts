import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'employers' })
@Index('employers_created_idx', ['agencyId', 'createdAt', 'id'])
@Check('employers_name_check', 'length(name) BETWEEN 1 AND 200')
export class Employer {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** IANA time zone: working days and contact windows are reckoned in it. */
  @Column('text')
  timezone!: string;

  /** An in-person visit is only for a local company (003). */
  @Column('boolean', { name: 'is_local' })
  isLocal!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
