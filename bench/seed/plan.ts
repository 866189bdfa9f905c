/**
 * How big each agency is and how the work is cut into transactions: plain
 * TypeScript, a function of the options and the seed only.
 */

export interface AgencyPlan {
  /** 1-based: the agency's number in the seed, part of every key derived for its rows. */
  agencyNo: number;
  candidates: number;
  counselors: number;
  employers: number;
  positions: number;
}

/** Candidates `from` to `to` (inclusive) of one agency. */
export interface CandidateSlice {
  agencyNo: number;
  from: number;
  to: number;
}

/**
 * Applications per candidate, by candidate number modulo 4: 2, 1, 2, 3.
 * Exactly 2 per candidate over every 4 candidates, so 500,000 candidates give
 * 1,000,000 applications and 60,000 give 120,000; candidates with one, two
 * and three applications all exist, as in an agency that puts most people
 * forward for a couple of positions.
 */
export const APPLICATIONS_BY_CANDIDATE_MOD_4 = [2, 1, 2, 3] as const;
export const APPLICATIONS_PER_CANDIDATE = 2;

/** The exact number of applications of candidates 1 to `candidates`. */
export function applicationsOf(candidates: number): number {
  const blocks = Math.floor(candidates / 4) * 8;
  const rest = [0, 1, 3, 6][candidates % 4]!;
  return blocks + rest;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** A small deterministic PRNG (mulberry32): the agency sizes must not depend on Math.random. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits `total` candidates over the agencies with a log-normal skew (a few
 * agencies three or four times the median, as in a real customer base), at
 * least one each, summing exactly to `total` (largest remainders).
 */
function skewedSizes(agencies: number, total: number, seed: number): number[] {
  if (total < agencies) throw new Error(`${total} candidates cannot be spread over ${agencies} agencies`);
  const random = prng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weights = Array.from({ length: agencies }, () => Math.exp(0.75 * gaussian()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - agencies;
  const exact = weights.map((weight) => (weight / sum) * spare);
  const sizes = exact.map((value) => 1 + Math.floor(value));
  let missing = total - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => [value - Math.floor(value), index] as const)
    .sort((a, b) => b[0] - a[0]);
  for (const [, index] of byRemainder) {
    if (missing-- <= 0) break;
    sizes[index]!++;
  }
  return sizes;
}

export function planAgencies(options: {
  agencies: number;
  candidatesPerAgency?: number;
  totalCandidates?: number;
  seed: number;
}): AgencyPlan[] {
  const sizes =
    options.totalCandidates !== undefined
      ? skewedSizes(options.agencies, options.totalCandidates, options.seed)
      : Array.from({ length: options.agencies }, () => options.candidatesPerAgency ?? 100);
  return sizes.map((candidates, index) => {
    // About one counselor per hundred candidates, and an employer for every eight (each with two or three positions).
    const employers = clamp(Math.round(candidates / 8), 3, 5000);
    return {
      agencyNo: index + 1,
      candidates,
      counselors: clamp(Math.round(candidates / 100), 2, 200),
      employers,
      positions: Math.round(employers * 2.2),
    };
  });
}

/** Agencies in groups of `size`: one transaction each for their agency-level rows. */
export function agencyBatches(plans: readonly AgencyPlan[], size: number): AgencyPlan[][] {
  const batches: AgencyPlan[][] = [];
  for (let index = 0; index < plans.length; index += size) batches.push(plans.slice(index, index + size));
  return batches;
}

/**
 * Candidates in transactions of about the same size: small agencies share
 * one, a large agency is cut into several, so that every connection has work
 * and no transaction holds more than `target` candidates' rows.
 */
export function candidateBatches(plans: readonly AgencyPlan[], target: number): CandidateSlice[][] {
  const batches: CandidateSlice[][] = [];
  let current: CandidateSlice[] = [];
  let filled = 0;
  for (const plan of plans) {
    let from = 1;
    while (from <= plan.candidates) {
      const to = Math.min(plan.candidates, from + (target - filled) - 1);
      current.push({ agencyNo: plan.agencyNo, from, to });
      filled += to - from + 1;
      from = to + 1;
      if (filled >= target) {
        batches.push(current);
        current = [];
        filled = 0;
      }
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Candidates per transaction: a few transactions per connection, between
 * 1,000 and 10,000 candidates, so that a batch's temporary tables (about
 * 8 kB per candidate) stay within the session's temp_buffers.
 */
export function candidateBatchTarget(totalCandidates: number, connections: number): number {
  return clamp(Math.ceil(totalCandidates / (connections * 4)), 1000, 10000);
}
