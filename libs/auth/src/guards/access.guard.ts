import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ALLOWED_ROLES, IS_PUBLIC, Role, STAFF_ROLES } from '@lib/context';
import { ForbiddenError, UnauthenticatedError } from '@lib/errors';
import { requestOf } from './request-of';

/**
 * The global guard: every operation needs a valid access token of a live
 * session, and a role among those allowed (staff by default), unless it is
 * marked @Public().
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(execution: ExecutionContext) {
    return requestOf(execution);
  }

  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const ctx = requestOf(execution).requestContext;
    if (!ctx) throw new UnauthenticatedError();
    // Several root fields of one operation share one authentication.
    if (!ctx.principal) await super.canActivate(execution);

    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? STAFF_ROLES;
    if (!allowed.includes(ctx.user.role)) throw new ForbiddenError();
    return true;
  }

  override handleRequest<T>(error: unknown, principal: T): T {
    // An error is the strategy failing (the database down), not the caller: answering UNAUTHENTICATED would
    // sign every client out during an outage. A refused credential arrives as no principal, without an error.
    if (error) throw error;
    if (!principal) throw new UnauthenticatedError();
    return principal;
  }
}
