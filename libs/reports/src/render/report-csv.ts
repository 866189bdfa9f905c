import { stringify } from 'csv-stringify/sync';
import { PipelineReportModel } from '../pipeline-report.model';
import { HEADLINE_FIGURES } from './headline-figures';
import { byStageOrder, labelOf } from './labels';

type Row = Array<string | number | null>;

interface Section {
  title: string;
  header: string[];
  rows: Row[];
}

function sections(report: PipelineReportModel): Section[] {
  const counts = (title: string, key: string, entries: Array<{ key: string; count: number }>): Section => ({
    title,
    header: [key, 'Count'],
    rows: entries.map((entry) => [labelOf(entry.key), entry.count]),
  });
  const counselorNames = new Map(report.perCounselor.map((c) => [c.counselorId, c.counselorName]));
  return [
    {
      title: 'Summary',
      header: ['Figure', 'This week', 'Change against last week'],
      rows: [
        ...HEADLINE_FIGURES.map(({ key, label }) => [
          label,
          report[key],
          report.change[key as keyof typeof report.change] ?? null,
        ]),
        ['Response rate', report.responseRate, null],
        ['Median working days, interview to decision', report.medianDaysToDecision, null],
      ],
    },
    {
      title: 'Stages',
      header: ['Stage', 'At week end', 'Moved in', 'Moved out'],
      rows: byStageOrder(report.stages).map((s) => [labelOf(s.stage), s.count, s.movedIn, s.movedOut]),
    },
    counts('Follow-ups by channel', 'Channel', report.followUpsByChannel),
    counts('Follow-ups by purpose', 'Purpose', report.followUpsByPurpose),
    counts('Follow-ups by outcome', 'Outcome', report.followUpsByOutcome),
    counts('Reference-check signals by kind', 'Kind', report.referenceSignalsByKind),
    {
      title: 'Per counselor',
      header: [
        'Counselor',
        'Interviews',
        'Debriefs',
        'Follow-ups made',
        'Follow-ups answered',
        'Response rate',
        'Reference-check signals',
        'Verbal offers',
        'Written offers',
        'Placements',
        'Escalations raised',
        'Escalations resolved',
        'Escalations open',
      ],
      rows: report.perCounselor.map((c) => [
        c.counselorName,
        c.interviews,
        c.debriefs,
        c.followUpsMade,
        c.followUpsAnswered,
        c.responseRate,
        c.referenceSignals,
        c.verbalOffers,
        c.writtenOffers,
        c.placements,
        c.escalationsRaised,
        c.escalationsResolved,
        c.escalationsOpen,
      ]),
    },
    {
      title: 'Stalled applications',
      header: ['Application', 'Candidate', 'Counselor', 'Escalation', 'Raised at'],
      rows: report.stalled.map((entry) => [
        entry.applicationId,
        entry.candidateName ?? "(another counselor's candidate)",
        counselorNames.get(entry.counselorId) ?? entry.counselorId,
        labelOf(entry.level),
        entry.raisedAt,
      ]),
    },
  ];
}

/**
 * One CSV file, a section per table: the section's title on a line of its
 * own, its header, its rows, then a blank line. Spreadsheet-friendly: a BOM
 * so that Excel reads UTF-8, CRLF line ends, and text that a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`) prefixed with a quote.
 */
export function renderReportCsv(report: PipelineReportModel): string {
  const records: Row[] = [
    ['Pipeline report', `${report.weekStart} to ${report.weekEnd}`, `revision ${report.revision}`],
    [],
  ];
  for (const section of sections(report)) records.push([section.title], section.header, ...section.rows, []);
  return stringify(records, { bom: true, record_delimiter: 'windows', escape_formulas: true });
}
