import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * The tenant. The one cross-agency table: it is distributed as a reference
 * table, and its row-level security lets a transaction see only its own agency.
 */
@Entity({ name: 'agencies' })
@Unique('agencies_slug_key', ['slug'])
@Check('agencies_name_check', 'length(name) BETWEEN 1 AND 120')
@Check('agencies_slug_check', `slug ~ '^[a-z0-9][a-z0-9-]{0,63}$'`)
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
