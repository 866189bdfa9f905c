import { randomInt } from 'node:crypto';

/**
 * The run's seed: CHAOS_SEED when given (to replay a failure's kill moments), a fresh one otherwise. The
 * moments are replayed, not the interleaving: processes still race as they will.
 */
export function chaosSeed(): number {
  const given = process.env.CHAOS_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new Error(`CHAOS_SEED must be a non-negative integer, not ${given}`);
    return seed;
  }
  return randomInt(2 ** 31);
}

/** mulberry32: small, fast and good enough to spread kill moments; the same seed gives the same sequence. */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Nothing to pick from');
    return items[Math.floor(this.next() * items.length)]!;
  }
}
