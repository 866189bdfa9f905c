import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Agency, AgenciesService, AgencyModel } from '@lib/agencies';
import { RequestContext } from '@lib/context';
import { Ctx } from '@lib/graphql';
import { User, UserModel } from '@lib/users';

@Resolver(() => UserModel)
export class UserAgencyResolver {
  constructor(private readonly agencies: AgenciesService) {}

  /** A user's agency is always the request's agency: row-level security shows no other. */
  @ResolveField(() => AgencyModel)
  agency(@Ctx() ctx: RequestContext, @Parent() _user: User): Promise<Agency> {
    return this.agencies.current(ctx);
  }
}
