import { DashboardTarget } from './dashboard-targets';
import { pacedLoad } from './paced-load';

/** The baseline's p99 at the chosen rate must stay under this (issue 8). */
export const BASELINE_P99_LIMIT_MS = 10;
const FIRST_FRACTION_OF_SATURATION = 0.5;
const STEP_DOWN = 0.6;
const MAX_PROBES = 6;

export interface RateProbe {
  /** The rate both sides are then measured at. */
  rate: number;
  /** Whether a probe at that rate held the baseline's p99 under the limit. */
  held: boolean;
  tried: { rate: number; p99: number }[];
}

/**
 * Steps down from half the baseline's saturated throughput, with short
 * paced probes, to the first rate at which its p99 stays under 10 ms. When
 * none does (a small machine), the lowest rate tried, and `held` says so.
 */
export async function probeBaselineRate(
  baseline: DashboardTarget,
  saturatedRps: number,
  connections: number,
  probeSeconds: number,
): Promise<RateProbe> {
  const tried: RateProbe['tried'] = [];
  let rate = Math.max(1, Math.round(saturatedRps * FIRST_FRACTION_OF_SATURATION));
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    const result = await pacedLoad({ ...baseline, rate, durationSeconds: probeSeconds, connections });
    tried.push({ rate, p99: result.p99 });
    if (result.failures.size === 0 && result.p99 < BASELINE_P99_LIMIT_MS) return { rate, held: true, tried };
    const lower = Math.max(1, Math.round(rate * STEP_DOWN));
    if (lower === rate) break;
    rate = lower;
  }
  return { rate: tried.at(-1)!.rate, held: false, tried };
}
