import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { RequestContext, Role, Roles } from '@lib/context';
import { Ctx, ParseIdPipe } from '@lib/graphql';
import { User, UserModel } from '@lib/users';
import { UserDeactivationService } from './user-deactivation.service';

@Resolver(() => UserModel)
export class UserDeactivationResolver {
  constructor(private readonly deactivation: UserDeactivationService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => UserModel, {
    description:
      'Switches an account of the agency off (staff or candidate): it can no longer sign in, and its sessions ' +
      'and tokens end at once. Not your own; the agency keeps at least one active admin.',
  })
  deactivateUser(
    @Ctx() ctx: RequestContext,
    @Args('userId', { type: () => ID }, ParseIdPipe) userId: string,
  ): Promise<User> {
    return this.deactivation.deactivate(ctx, userId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserModel, {
    description: 'Lets a deactivated account sign in again; its old sessions stay ended',
  })
  reactivateUser(
    @Ctx() ctx: RequestContext,
    @Args('userId', { type: () => ID }, ParseIdPipe) userId: string,
  ): Promise<User> {
    return this.deactivation.reactivate(ctx, userId);
  }
}
