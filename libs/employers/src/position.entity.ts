import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Employer } from './employer.entity';

@Entity({ name: 'positions' })
@ForeignKey(() => Employer, ['agencyId', 'employerId'], ['agencyId', 'id'], { name: 'positions_employer_fkey' })
@Index('positions_employer_idx', ['agencyId', 'employerId'])
@Check('positions_title_check', 'length(title) BETWEEN 1 AND 200')
export class Position {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'employer_id' })
  employerId!: string;

  @Column('text')
  title!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
