/** Milliseconds `work` took. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface Sample {
  median: number;
  min: number;
  max: number;
}

/** One warm-up, then `runs` timed runs. */
export async function sample(runs: number, work: () => Promise<unknown>): Promise<Sample> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await timed(work));
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
