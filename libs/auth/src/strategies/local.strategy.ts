import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { UnauthenticatedError } from '@lib/errors';
import { User } from '@lib/users';
import { Strategy } from 'passport-local';
import { AuthService } from '../auth.service';
import { LoginRequest } from '../guards/local-auth.guard';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(request: LoginRequest, email: string, password: string): Promise<User> {
    const user = await this.auth.validateCredentials(request.requestContext, {
      agencySlug: request.body.agencySlug,
      email,
      password,
    });
    if (!user) throw new UnauthenticatedError('Invalid agency, e-mail or password');
    return user;
  }
}
