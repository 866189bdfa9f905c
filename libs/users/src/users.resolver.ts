import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Role, RequestContext, Roles } from '@lib/context';
import { Ctx, PaginationArgs, ParseIdPipe } from '@lib/graphql';
import { UserConnection, UserModel } from './user.model';
import { UsersService } from './users.service';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  @Roles(Role.ADMIN)
  @Query(() => UserConnection, { name: 'users', description: "The agency's staff and candidate accounts" })
  async listUsers(@Ctx() ctx: RequestContext, @Args() page: PaginationArgs): Promise<UserConnection> {
    return this.users.list(ctx, page.first, page.after);
  }

  @Roles(Role.ADMIN)
  @Query(() => UserModel)
  async user(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<UserModel> {
    return this.users.get(ctx, id);
  }
}
