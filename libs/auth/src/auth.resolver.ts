import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
import { Public, RequestContext, Role, Roles } from '@lib/context';
import { Ctx } from '@lib/graphql';
import { UserModel, UsersService } from '@lib/users';
import { User } from '@lib/users';
import { AuthResult, AuthService } from './auth.service';
import { AcceptInvitationInput } from './dto/accept-invitation.input';
import { InviteUserInput } from './dto/invite-user.input';
import { LoginInput } from './dto/login.input';
import { SignUpAgencyInput } from './dto/sign-up-agency.input';
import { LocalAuthGuard, LoggedInUser } from './guards/local-auth.guard';
import { InvitationsService } from './invitations.service';
import { AuthPayloadModel } from './models/auth-payload.model';
import { InvitationModel } from './models/invitation.model';

const EVERY_ROLE = [Role.ADMIN, Role.COUNSELOR, Role.CANDIDATE];

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Creates an agency and its first admin, signed in' })
  signUpAgency(@Ctx() ctx: RequestContext, @Args('input') input: SignUpAgencyInput): Promise<AuthResult> {
    return this.auth.signUpAgency(ctx, input);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Mutation(() => AuthPayloadModel, { description: 'Staff and candidates sign in with their agency slug' })
  login(
    @Ctx() ctx: RequestContext,
    @Args('input') _input: LoginInput,
    @LoggedInUser() user: User,
  ): Promise<AuthResult> {
    return this.auth.startSession(ctx, user);
  }

  @Public()
  @Mutation(() => AuthPayloadModel, {
    description: 'Exchanges a refresh token for a new pair. A token works once: reusing one ends its whole session.',
  })
  refreshSession(@Ctx() ctx: RequestContext, @Args('refreshToken') refreshToken: string): Promise<AuthResult> {
    return this.auth.refresh(ctx, refreshToken);
  }

  @Roles(...EVERY_ROLE)
  @Mutation(() => Boolean, { description: 'Ends the session: its access and refresh tokens stop working' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await this.auth.logout(ctx);
    return true;
  }

  @Roles(Role.ADMIN)
  @Mutation(() => InvitationModel, { description: 'Invites a staff member (ADMIN or COUNSELOR)' })
  async inviteUser(@Ctx() ctx: RequestContext, @Args('input') input: InviteUserInput): Promise<InvitationModel> {
    const issued = await this.invitations.inviteStaff(ctx, {
      email: input.email,
      fullName: input.name,
      role: input.role,
    });
    return { ...issued.invitation, token: issued.token };
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Accepts an invitation with a password, and signs in' })
  async acceptInvitation(@Ctx() ctx: RequestContext, @Args('input') input: AcceptInvitationInput): Promise<AuthResult> {
    const user = await this.invitations.accept(ctx, input.token, input.password);
    return this.auth.startSession(ctx, user);
  }

  @Roles(...EVERY_ROLE)
  @Query(() => UserModel, { description: 'The signed-in user' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.get(ctx, ctx.user.userId);
  }
}
