import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@lib/agencies';
import { AuditModule } from '@lib/audit';
import { UsersModule } from '@lib/users';
import { AuthResolver } from './auth.resolver';
import { AuthHousekeepingService } from './auth-housekeeping.service';
import { AuthService } from './auth.service';
import { UserDeactivationResolver } from './deactivation/user-deactivation.resolver';
import { UserDeactivationService } from './deactivation/user-deactivation.service';
import { AUTH_ENTITIES } from './entities';
import { AccessGuard } from './guards/access.guard';
import { InvitationsService } from './invitations.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsService } from './sessions.service';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { AccessTokenService } from './tokens/access-token.service';
import { PasswordHasher } from './tokens/password-hasher';
import { UserAgencyResolver } from './user-agency.resolver';
import { PurgeExpiredAuthJob, PurgeExpiredAuthSweepJob } from './jobs/purge-expired-auth.job';

/** Sessions, tokens, invitations and credentials: usable by the API and the workers. */
@Module({
  imports: [TypeOrmModule.forFeature(AUTH_ENTITIES), JwtModule.register({}), AgenciesModule, UsersModule, AuditModule],
  providers: [
    AuthService,
    SessionsService,
    InvitationsService,
    AccessTokenService,
    PasswordHasher,
    LoginThrottleService,
    AuthHousekeepingService,
    UserDeactivationService,
  ],
  exports: [
    AuthService,
    SessionsService,
    InvitationsService,
    AccessTokenService,
    PasswordHasher,
    AuthHousekeepingService,
    UserDeactivationService,
  ],
})
export class AuthModule {}

/** The worker's side: housekeeping jobs. */
@Module({
  imports: [AuthModule],
  providers: [PurgeExpiredAuthSweepJob, PurgeExpiredAuthJob],
})
export class AuthJobsModule {}

/** The API's side: the global access guard, passport strategies and the auth operations. */
@Module({
  imports: [AuthModule, PassportModule, AgenciesModule, UsersModule],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    JwtStrategy,
    LocalStrategy,
    AuthResolver,
    UserAgencyResolver,
    UserDeactivationResolver,
  ],
})
export class AuthApiModule {}
