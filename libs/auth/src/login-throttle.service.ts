import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { authConfig } from '@lib/config';
import { TooManyRequestsError } from '@lib/errors';
import { REDIS_CLIENT } from '@lib/redis';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

const HOUR = 60 * 60;
const CONSECUTIVE_BLOCK_SECONDS = 15 * 60;
/** Consecutive failures from one address before each further attempt must wait (1 s, 2 s, 4 s, ...). */
const FREE_CONSECUTIVE_FAILURES = 3;

export interface LoginAttempt {
  agencySlug: string;
  email: string;
  clientAddress: string;
}

/**
 * Brute-force protection for sign-in, counted in Redis so every API instance
 * shares it:
 * - per account and address, consecutive failures first slow down (a growing
 *   wait between attempts), then block that address for 15 minutes;
 * - per address, failures across accounts are capped per hour (password spraying);
 * - per account, failures from anywhere are capped per hour. Past the cap the
 *   account refuses sign-in until the hour is over: an attacker can hold a user
 *   out for an hour at most, never longer.
 * A successful sign-in clears the account-and-address counters.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;
  private readonly consecutive: RateLimiterRedis;
  private readonly cooldown: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    const limits = config.loginThrottle;
    const limiter = (keyPrefix: string, points: number, duration: number, blockDuration = 0) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `login:${keyPrefix}`, points, duration, blockDuration });
    this.perAccount = limiter('account', limits.maxFailuresPerAccount, HOUR);
    this.perAddress = limiter('address', limits.maxFailuresPerAddress, HOUR);
    this.consecutive = limiter(
      'consecutive',
      limits.maxConsecutiveFailures,
      CONSECUTIVE_BLOCK_SECONDS,
      CONSECUTIVE_BLOCK_SECONDS,
    );
    this.cooldown = limiter('cooldown', 1, 1);
  }

  /** Refuses the attempt before any password is checked when a limit is reached. */
  async assertAllowed(attempt: LoginAttempt): Promise<void> {
    const keys = this.keys(attempt);
    const [account, address, consecutive, cooldown] = await Promise.all([
      this.perAccount.get(keys.account),
      this.perAddress.get(keys.address),
      this.consecutive.get(keys.accountAtAddress),
      this.cooldown.get(keys.accountAtAddress),
    ]);
    const waits = [
      exhausted(account, this.perAccount.points),
      exhausted(address, this.perAddress.points),
      exhausted(consecutive, this.consecutive.points),
      exhausted(cooldown, this.cooldown.points),
    ].filter((ms): ms is number => ms !== null);
    if (waits.length > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      throw new TooManyRequestsError(
        `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
        retryAfterSeconds,
      );
    }
  }

  async recordFailure(attempt: LoginAttempt): Promise<void> {
    const keys = this.keys(attempt);
    const [, , consecutive] = await Promise.all([
      this.perAccount.penalty(keys.account),
      this.perAddress.penalty(keys.address),
      this.consecutive.penalty(keys.accountAtAddress),
    ]);
    const extra = consecutive.consumedPoints - FREE_CONSECUTIVE_FAILURES;
    if (extra > 0)
      await this.cooldown.block(keys.accountAtAddress, Math.min(2 ** (extra - 1), CONSECUTIVE_BLOCK_SECONDS));
  }

  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    const keys = this.keys(attempt);
    await Promise.all([this.consecutive.delete(keys.accountAtAddress), this.cooldown.delete(keys.accountAtAddress)]);
  }

  private keys(attempt: LoginAttempt) {
    const account = `${attempt.agencySlug.trim().toLowerCase()}/${attempt.email.trim().toLowerCase()}`;
    return { account, address: attempt.clientAddress, accountAtAddress: `${account}@${attempt.clientAddress}` };
  }
}

/** Milliseconds until the limiter lets the next attempt through, or null if it would. */
function exhausted(state: RateLimiterRes | null, points: number): number | null {
  if (!state || state.consumedPoints < points) return null;
  return state.msBeforeNext;
}
