import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { RequestContext } from '@lib/context';
import { UnauthenticatedError, validateInput } from '@lib/errors';
import { GraphqlContext } from '@lib/graphql';
import { User } from '@lib/users';
import { LoginInput } from '../dto/login.input';

/** What passport-local reads the credentials from. */
export interface LoginRequest {
  body: LoginInput;
  requestContext: RequestContext;
  user?: User;
}

type LoginGraphqlContext = GraphqlContext & { loginRequest?: LoginRequest };

/** Runs passport-local on the `login` mutation's input. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    const gql = GqlExecutionContext.create(execution);
    // Guards run before pipes: validate here so bad input is BAD_USER_INPUT, not a failed sign-in.
    const body = await validateInput(LoginInput, gql.getArgs<{ input: unknown }>().input);
    const context = gql.getContext<LoginGraphqlContext>();
    context.loginRequest = { body, requestContext: context.ctx };
    return (await super.canActivate(execution)) as boolean;
  }

  override getRequest(execution: ExecutionContext): LoginRequest {
    return GqlExecutionContext.create(execution).getContext<LoginGraphqlContext>().loginRequest!;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // An error is the strategy failing (the database down), not the caller: answering UNAUTHENTICATED would
    // sign every client out during an outage. A refused credential arrives as no user, without an error.
    if (error) throw error;
    if (!user) throw new UnauthenticatedError('Invalid agency, e-mail or password');
    return user;
  }
}

/** The user passport-local signed in. */
export const LoggedInUser = createParamDecorator((_data: unknown, execution: ExecutionContext): User => {
  return GqlExecutionContext.create(execution).getContext<LoginGraphqlContext>().loginRequest!.user!;
});
