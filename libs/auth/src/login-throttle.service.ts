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

interface ThrottleKeys {
  account: string;
  address: string;
  accountAtAddress: string;
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
 *
 * Every attempt is counted as a failure *before* its password is checked, by
 * atomic increments, and given back only when it succeeds. Checking the counts
 * first and recording the failure after the (slow) password check let any
 * number of concurrent attempts through on the same count: 30 parallel requests
 * were 30 guesses where the limits allow 4.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;
  private readonly consecutive: RateLimiterRedis;
  /** Held by the latest attempt past the free ones for its waiting time: one attempt per window. */
  private readonly cooldown: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    const limits = config.loginThrottle;
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `login:${keyPrefix}`, points, duration });
    this.perAccount = limiter('account', limits.maxFailuresPerAccount, HOUR);
    this.perAddress = limiter('address', limits.maxFailuresPerAddress, HOUR);
    this.consecutive = limiter('consecutive', limits.maxConsecutiveFailures, CONSECUTIVE_BLOCK_SECONDS);
    this.cooldown = limiter('cooldown', 1, 1);
  }

  /**
   * Counts the attempt as a failure, or refuses it (TOO_MANY_REQUESTS) before
   * any password is checked when a limit is reached. A refused attempt is not
   * counted. Call `recordSuccess` when the credentials prove right.
   */
  async reserveAttempt(attempt: LoginAttempt): Promise<void> {
    const keys = this.keys(attempt);
    // Cheap and uncounted: an attempt already over a limit is refused without touching the counts.
    await this.refuseIfExhausted(keys);
    const [account, address, consecutive] = await Promise.all([
      this.perAccount.penalty(keys.account),
      this.perAddress.penalty(keys.address),
      this.consecutive.penalty(keys.accountAtAddress),
    ]);
    // Concurrent attempts that passed the check above together: those counted past a limit lose.
    const wait =
      longestWait([
        over(account, this.perAccount.points),
        over(address, this.perAddress.points),
        over(consecutive, this.consecutive.points),
      ]) ?? (await this.claimCooldown(keys, consecutive.consumedPoints));
    if (wait !== null) {
      await this.giveBack(keys);
      throw tooManyAttempts(wait);
    }
  }

  /** The attempt was not a failure: it no longer counts, and the consecutive failures start again. */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    const keys = this.keys(attempt);
    await Promise.all([
      this.perAccount.reward(keys.account),
      this.perAddress.reward(keys.address),
      this.consecutive.delete(keys.accountAtAddress),
      this.cooldown.delete(keys.accountAtAddress),
    ]);
  }

  private async refuseIfExhausted(keys: ThrottleKeys): Promise<void> {
    const [account, address, consecutive, cooldown] = await Promise.all([
      this.perAccount.get(keys.account),
      this.perAddress.get(keys.address),
      this.consecutive.get(keys.accountAtAddress),
      this.cooldown.get(keys.accountAtAddress),
    ]);
    const wait = longestWait([
      exhausted(account, this.perAccount.points),
      exhausted(address, this.perAddress.points),
      exhausted(consecutive, this.consecutive.points),
      exhausted(cooldown, this.cooldown.points),
    ]);
    if (wait !== null) throw tooManyAttempts(wait);
  }

  /**
   * Past the free consecutive failures, the n-th further attempt holds the
   * cooldown for 2^(n-1) seconds; an attempt that finds it held is refused.
   * Claimed with an atomic increment, so two attempts never share one window.
   * Returns the wait in milliseconds when refused, null when claimed or not needed.
   */
  private async claimCooldown(keys: ThrottleKeys, consecutiveFailures: number): Promise<number | null> {
    const extra = consecutiveFailures - FREE_CONSECUTIVE_FAILURES;
    if (extra <= 0) return null;
    const seconds = Math.min(2 ** (extra - 1), CONSECUTIVE_BLOCK_SECONDS);
    const claim = await this.cooldown.penalty(keys.accountAtAddress, 1, { customDuration: seconds });
    return over(claim, this.cooldown.points);
  }

  private async giveBack(keys: ThrottleKeys): Promise<void> {
    await Promise.all([
      this.perAccount.reward(keys.account),
      this.perAddress.reward(keys.address),
      this.consecutive.reward(keys.accountAtAddress),
    ]);
  }

  private keys(attempt: LoginAttempt): ThrottleKeys {
    const account = `${attempt.agencySlug.trim().toLowerCase()}/${attempt.email.trim().toLowerCase()}`;
    return { account, address: attempt.clientAddress, accountAtAddress: `${account}@${attempt.clientAddress}` };
  }
}

/** Milliseconds until the limiter lets the next attempt through, or null if it would (state before counting). */
function exhausted(state: RateLimiterRes | null, points: number): number | null {
  if (!state || state.consumedPoints < points) return null;
  return state.msBeforeNext;
}

/** Milliseconds to wait when this attempt, already counted, went past the limit; null when within it. */
function over(state: RateLimiterRes, points: number): number | null {
  return state.consumedPoints > points ? state.msBeforeNext : null;
}

function longestWait(waits: Array<number | null>): number | null {
  const known = waits.filter((ms): ms is number => ms !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

function tooManyAttempts(waitMs: number): TooManyRequestsError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new TooManyRequestsError(
    `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
    retryAfterSeconds,
  );
}
