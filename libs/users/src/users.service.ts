import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { Role, RequestContext } from '@lib/context';
import { BadUserInputError, NotFoundError } from '@lib/errors';
import { Connection, paginateByCreation } from '@lib/graphql';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  /** For a candidate's portal account. */
  candidateId?: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(private readonly clock: Clock) {}

  async create(ctx: RequestContext, input: NewUser): Promise<User> {
    const users = await ctx.repository(User);
    const user = users.create({
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      email: normalizeEmail(input.email),
      fullName: input.fullName.trim(),
      role: input.role,
      passwordHash: input.passwordHash,
      candidateId: input.candidateId ?? null,
      createdAt: this.clock.now(),
      deactivatedAt: null,
    });
    await ctx.insertUnique(User, user, () =>
      BadUserInputError.forField('email', 'A user with this e-mail address already exists in this agency'),
    );
    return user;
  }

  async get(ctx: RequestContext, id: string): Promise<User> {
    return ctx.findOrFail(User, { id }, 'User');
  }

  /** With the password hash, for sign-in only. */
  async findForLogin(ctx: RequestContext, email: string): Promise<User | null> {
    const users = await ctx.repository(User);
    return users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  /** Loads a user and locks the row until the transaction ends, so two changes of one account run in turn. */
  async getForUpdate(ctx: RequestContext, id: string): Promise<User> {
    const users = await ctx.repository(User);
    const user = await users.createQueryBuilder('u').where('u.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /**
   * The ids of the agency's active admins, their rows locked until the
   * transaction ends (in id order, so concurrent callers cannot deadlock):
   * two admins deactivating each other at once are answered in turn, and the
   * second sees the first's change.
   */
  async lockActiveAdminIds(ctx: RequestContext): Promise<string[]> {
    const rows = await ctx.query<{ id: string }>(
      `SELECT id FROM users WHERE agency_id = $1 AND role = $2 AND deactivated_at IS NULL ORDER BY id FOR UPDATE`,
      [ctx.agencyId, Role.ADMIN],
    );
    return rows.map((row) => row.id);
  }

  /** Deactivates the account at `at`, or makes it active again with null. */
  async setDeactivatedAt(ctx: RequestContext, user: User, at: Date | null): Promise<User> {
    await (await ctx.repository(User)).update({ agencyId: user.agencyId, id: user.id }, { deactivatedAt: at });
    return { ...user, deactivatedAt: at };
  }

  async list(ctx: RequestContext, first: number, after?: string): Promise<Connection<User>> {
    const users = await ctx.repository(User);
    return paginateByCreation(ctx, users.createQueryBuilder('u'), first, after);
  }
}
