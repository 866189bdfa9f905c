import escapeHtml from 'escape-html';

export interface ChartSeries {
  name: string;
  colour: string;
}

export interface ChartGroup {
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
}

export interface BarChart {
  /** Unique in the page: names the chart for tests and assistive technology. */
  id: string;
  title: string;
  series: ChartSeries[];
  groups: ChartGroup[];
}

const WIDTH = 640;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 44;
const BAR_HEIGHT = 14;
const GROUP_GAP = 10;
const LEGEND_HEIGHT = 22;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12"';

/**
 * A horizontal grouped bar chart as inline SVG: no script, no external
 * resource, so the page stays self-contained and renders the same in a
 * browser, a PDF printer and a mail client that shows SVG. Bars are scaled to
 * the largest value; each bar carries its number, so nothing depends on colour.
 */
export function svgBarChart(chart: BarChart): string {
  const legend = chart.series.length > 1 ? LEGEND_HEIGHT : 0;
  const groupHeight = chart.series.length * BAR_HEIGHT + GROUP_GAP;
  const height = legend + Math.max(chart.groups.length, 1) * groupHeight + GROUP_GAP;
  const largest = Math.max(1, ...chart.groups.flatMap((group) => group.values));
  const scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest;

  const legendItems = (legend ? chart.series : []).map((series, index) => {
    const x = LABEL_WIDTH + index * 130;
    return (
      `<rect x="${x}" y="4" width="12" height="12" fill="${series.colour}"/>` +
      `<text x="${x + 16}" y="14" ${FONT}>${escapeHtml(series.name)}</text>`
    );
  });
  const rows = chart.groups.map((group, groupIndex) => {
    const top = legend + GROUP_GAP + groupIndex * groupHeight;
    const label = `<text x="${LABEL_WIDTH - 8}" y="${top + (chart.series.length * BAR_HEIGHT) / 2 + 4}" text-anchor="end" ${FONT}>${escapeHtml(group.label)}</text>`;
    const bars = group.values.map((value, seriesIndex) => {
      const y = top + seriesIndex * BAR_HEIGHT;
      const width = Math.max(value * scale, value > 0 ? 1 : 0);
      const series = chart.series[seriesIndex]!;
      return (
        `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 1}" width="${width.toFixed(1)}" height="${BAR_HEIGHT - 2}" fill="${series.colour}">` +
        `<title>${escapeHtml(`${group.label}, ${series.name}: ${value}`)}</title></rect>` +
        `<text x="${(LABEL_WIDTH + width + 4).toFixed(1)}" y="${y + BAR_HEIGHT - 3}" ${FONT}>${value}</text>`
      );
    });
    return label + bars.join('');
  });
  const empty =
    chart.groups.length === 0 ? `<text x="${LABEL_WIDTH}" y="${legend + 24}" ${FONT}>Nothing this week</text>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" id="${chart.id}" class="chart" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="${WIDTH}" height="${height}" role="img" aria-labelledby="${chart.id}-title">` +
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>` +
    legendItems.join('') +
    rows.join('') +
    empty +
    `</svg>`
  );
}
