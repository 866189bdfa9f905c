import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ContactRole } from './contact-role';
import { Employer } from './employer.entity';

@Entity({ name: 'employer_contacts' })
@ForeignKey(() => Employer, ['agencyId', 'employerId'], ['agencyId', 'id'], { name: 'employer_contacts_employer_fkey' })
@Index('employer_contacts_employer_idx', ['agencyId', 'employerId'])
// Partial unique index (one designated contact per employer): created by the migration.
@Index('employer_contacts_designated_key', { synchronize: false })
@Check('employer_contacts_full_name_check', 'length(full_name) BETWEEN 1 AND 200')
@Check('employer_contacts_role_check', `role IN ('HIRING_MANAGER', 'HR', 'GATEKEEPER', 'INTERVIEWER')`)
export class EmployerContact {
  @PrimaryColumn('uuid', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'employer_id' })
  employerId!: string;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text')
  role!: ContactRole;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  /** "Best way to get through" (003): a direct line, an assistant's name, a time of day. */
  @Column('text', { name: 'best_way_to_reach', nullable: true })
  bestWayToReach!: string | null;

  /** The person with current information on the hiring process (004). */
  @Column('boolean', { name: 'is_designated_contact', default: false })
  isDesignatedContact!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
