import { Role } from '@lib/context';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'invitations' })
export class Invitation {
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

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash!: Buffer;

  @Column('uuid', { name: 'invited_by_user_id' })
  invitedByUserId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { name: 'accepted_user_id', nullable: true })
  acceptedUserId!: string | null;
}
