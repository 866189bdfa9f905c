/** How the HTTP sections write their figures in the table. */

export const perSecond = (value: number, unit = 'req/s') => `${value.toFixed(value < 100 ? 1 : 0)} ${unit}`;

/** "none", or every failure with its count: a refused or failed request is always shown. */
export function failuresText(failures: ReadonlyMap<string, number>): string {
  if (failures.size === 0) return 'none';
  return [...failures]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${count} × ${reason}`)
    .join(', ');
}

export const failureCount = (failures: ReadonlyMap<string, number>) =>
  [...failures.values()].reduce((sum, count) => sum + count, 0);
