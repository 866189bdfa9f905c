import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { Role, RequestContext } from '@lib/context';
import { BadUserInputError } from '@lib/errors';
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

  async list(ctx: RequestContext, first: number, after?: string): Promise<Connection<User>> {
    const users = await ctx.repository(User);
    return paginateByCreation(users.createQueryBuilder('u'), first, after);
  }
}
