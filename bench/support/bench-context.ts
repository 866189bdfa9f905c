import { BenchRow } from './results-table';

/** What `npm run bench` hands each of its sections: a seeded database, a Redis, and how long to load. */
export interface BenchContext {
  /** A superuser or owner URL (row-level security does not restrict it): for setup and checks only. */
  ownerUrl: string;
  /** The application role's URL, as the API and worker use it. */
  appUrl: string;
  redisUrl: string;
  /** The seeded agencies (bench/seed), agency 1 first. */
  agencyIds: string[];
  /** Seconds each load phase runs (BENCH_DURATION). */
  durationSeconds: number;
  /** A progress line on stderr. */
  log(line: string): void;
}

export interface ProcessPeak {
  /** e.g. "API (dashboard load)". */
  process: string;
  /** VmHWM in MiB, undefined where it cannot be read. */
  peakMiB: number | undefined;
}

export interface SectionResult {
  rows: BenchRow[];
  peaks: ProcessPeak[];
}
