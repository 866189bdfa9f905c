import escapeHtml from 'escape-html';
import { PipelineReportModel } from '../pipeline-report.model';
import { HEADLINE_FIGURES, percent, signed } from './headline-figures';
import { byStageOrder, labelOf } from './labels';
import { svgBarChart } from './svg-bar-chart';

export interface ReportPage {
  agencyName: string;
  /** As the reader may see it (PipelineReportsService.view): names already withheld where they must be. */
  report: PipelineReportModel;
}

const BLUE = '#2563eb';
const TEAL = '#0d9488';
const AMBER = '#d97706';
const PLUM = '#7c3aed';
const GREY = '#64748b';

const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; margin: 24px auto; max-width: 760px; padding: 0 16px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #cbd5e1; padding-bottom: 4px; }
  .meta { color: #475569; margin: 0 0 16px; }
  table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  .withheld { color: #64748b; font-style: italic; }
  svg.chart { max-width: 100%; height: auto; display: block; }
  section { break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4; margin: 14mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 12px; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    h2 { break-after: avoid; page-break-after: avoid; }
  }
`;

const html = escapeHtml;
/** The first column names the row; the others hold figures, aligned on the right. */
const cell = (value: number | string, column = 0) =>
  column > 0 ? `<td class="number">${html(String(value))}</td>` : `<td>${html(String(value))}</td>`;
const header = (labels: string[]) =>
  `<tr>${labels.map((label, index) => `<th${index > 0 ? ' class="number"' : ''}>${html(label)}</th>`).join('')}</tr>`;

function table(labels: string[], rows: Array<Array<number | string>>): string {
  const body = rows.length
    ? rows.map((row) => `<tr>${row.map((value, column) => cell(value, column)).join('')}</tr>`).join('')
    : `<tr><td colspan="${labels.length}">None</td></tr>`;
  return `<table><thead>${header(labels)}</thead><tbody>${body}</tbody></table>`;
}

function headlines(report: PipelineReportModel): string {
  const rows = HEADLINE_FIGURES.map(({ key, label }) => [
    label,
    report[key] ?? 0,
    signed(report.change[key as keyof typeof report.change] ?? undefined),
  ]);
  rows.splice(4, 0, ['Response rate', percent(report.responseRate), '']);
  rows.push([
    'Median working days, interview to decision',
    report.medianDaysToDecision === null ? 'n/a' : String(report.medianDaysToDecision),
    '',
  ]);
  return table(['Figure', 'This week', 'Against last week'], rows);
}

function charts(report: PipelineReportModel): string {
  const stages = byStageOrder(report.stages);
  const funnel = svgBarChart({
    id: 'chart-funnel',
    title: 'Applications by stage at week end, and moves into each stage during the week',
    series: [
      { name: 'At week end', colour: BLUE },
      { name: 'Moved in', colour: TEAL },
    ],
    groups: stages.map((stage) => ({ label: labelOf(stage.stage), values: [stage.count, stage.movedIn] })),
  });
  const outcomes = svgBarChart({
    id: 'chart-outcomes',
    title: 'Follow-ups by outcome',
    series: [{ name: 'Follow-ups', colour: AMBER }],
    groups: report.followUpsByOutcome.map((entry) => ({ label: labelOf(entry.key), values: [entry.count] })),
  });
  const counselors = svgBarChart({
    id: 'chart-counselors',
    title: 'Activity per counselor',
    series: [
      { name: 'Interviews', colour: BLUE },
      { name: 'Debriefs', colour: PLUM },
      { name: 'Follow-ups', colour: AMBER },
      { name: 'Answered', colour: GREY },
    ],
    groups: report.perCounselor.map((counselor) => ({
      label: counselor.counselorName,
      values: [counselor.interviews, counselor.debriefs, counselor.followUpsMade, counselor.followUpsAnswered],
    })),
  });
  return (
    `<section><h2>Pipeline by stage</h2>${funnel}</section>` +
    `<section><h2>Follow-up outcomes</h2>${outcomes}</section>` +
    `<section><h2>Activity per counselor</h2>${counselors}</section>`
  );
}

function detailTables(report: PipelineReportModel): string {
  const counts = (entries: Array<{ key: string; count: number }>) =>
    entries.map((entry) => [labelOf(entry.key), entry.count]);
  return (
    `<section><h2>Stages</h2>${table(
      ['Stage', 'At week end', 'Moved in', 'Moved out'],
      byStageOrder(report.stages).map((s) => [labelOf(s.stage), s.count, s.movedIn, s.movedOut]),
    )}</section>` +
    `<section><h2>Follow-ups</h2>` +
    `${table(['Channel', 'Follow-ups'], counts(report.followUpsByChannel))}` +
    `${table(['Purpose', 'Follow-ups'], counts(report.followUpsByPurpose))}` +
    `${table(['Outcome', 'Follow-ups'], counts(report.followUpsByOutcome))}</section>` +
    `<section><h2>Reference-check signals</h2>${table(['Kind', 'Signals'], counts(report.referenceSignalsByKind))}</section>` +
    `<section><h2>Per counselor</h2>${table(
      ['Counselor', 'Interviews', 'Debriefs', 'Follow-ups', 'Answered', 'Offers', 'Placements', 'Open escalations'],
      report.perCounselor.map((c) => [
        c.counselorName,
        c.interviews,
        c.debriefs,
        c.followUpsMade,
        c.followUpsAnswered,
        c.verbalOffers + c.writtenOffers,
        c.placements,
        c.escalationsOpen,
      ]),
    )}</section>` +
    `<section><h2>Stalled applications</h2>${stalledTable(report)}</section>`
  );
}

/** A withheld name says so, rather than leaving a blank that looks like missing data. */
function stalledTable(report: PipelineReportModel): string {
  const counselorNames = new Map(report.perCounselor.map((c) => [c.counselorId, c.counselorName]));
  const rows = report.stalled.map(
    (entry) =>
      `<tr>${entry.candidateName === null ? `<td class="withheld">another counselor's candidate</td>` : cell(entry.candidateName)}` +
      `${cell(counselorNames.get(entry.counselorId) ?? '')}${cell(labelOf(entry.level))}${cell(entry.raisedAt.slice(0, 10))}</tr>`,
  );
  const body = rows.length ? rows.join('') : `<tr><td colspan="4">None</td></tr>`;
  return `<table><thead><tr><th>Candidate</th><th>Counselor</th><th>Escalation</th><th>Raised</th></tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script,
 * no external resource (the download is served with a CSP that forbids them).
 * It is also the body of the weekly e-mail.
 */
export function renderReportHtml({ agencyName, report }: ReportPage): string {
  const title = `${agencyName}: pipeline report, ${report.weekStart} to ${report.weekEnd}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${html(agencyName)}: pipeline report</h1>
<p class="meta">Week of ${html(report.weekStart)} to ${html(report.weekEnd)} · revision ${report.revision} · generated ${html(report.generatedAt.toISOString())}</p></header>
<section><h2>This week</h2>${headlines(report)}</section>
${charts(report)}
${detailTables(report)}
</body>
</html>
`;
}
