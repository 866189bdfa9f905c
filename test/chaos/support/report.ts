/** One line per scenario in the run's output: what was done to the product, and how it came out. */
export function summary(line: string): void {
  process.stdout.write(`\n[chaos] ${line}\n`);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "3 raising, 2 delivering" */
export function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${count} ${value}`).join(', ');
}
