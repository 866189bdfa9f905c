import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The tenant. The one cross-agency table: it is distributed as a reference
 * table, and its row-level security lets a transaction see only its own agency.
 */
@Entity({ name: 'agencies' })
export class Agency {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  timezone!: string;

  @Column('char', { length: 2 })
  country!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
