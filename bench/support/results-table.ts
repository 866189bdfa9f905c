/** One line of `npm run bench`'s table: a measure of the product beside its baseline from the same run. */
export interface BenchRow {
  /** What was measured, e.g. "Dashboard: requests/s". */
  measure: string;
  /** The product's figure, formatted with its unit. */
  product: string;
  /** The baseline's figure from the same run, or "—" when the measure has none. */
  baseline: string;
  /** product against baseline, e.g. "0.62x", or "—". */
  ratio: string;
  /** What the product aims for, e.g. "≥ 0.5x", or "—". */
  target: string;
  /** What the figure is, in a few words. */
  notes: string;
}

export const NONE = '—';

/** `product / baseline` with two decimals. */
export const ratio = (product: number, baseline: number): string =>
  baseline > 0 ? `${(product / baseline).toFixed(2)}x` : NONE;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: BenchRow[]): string {
  return [
    '| Measure | Product | Baseline | Ratio | Target | What it is |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) =>
      [row.measure, row.product, row.baseline, row.ratio, row.target, row.notes]
        .map(cell)
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
  ].join('\n');
}
