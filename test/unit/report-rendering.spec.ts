import { parse } from 'csv-parse/sync';
import { PipelineReportModel, renderReportCsv, renderReportHtml } from '@lib/reports';

function report(overrides: Partial<PipelineReportModel> = {}): PipelineReportModel {
  const activity = {
    interviews: 4,
    debriefs: 3,
    followUpsMade: 10,
    followUpsAnswered: 4,
    responseRate: 0.4,
    referenceSignals: 1,
    verbalOffers: 1,
    writtenOffers: 0,
    placements: 0,
    escalationsRaised: 2,
    escalationsResolved: 1,
    escalationsOpen: 1,
  };
  return {
    ...activity,
    id: '00000000-0000-4000-8000-000000000001',
    weekStart: '2027-03-22',
    weekEnd: '2027-03-28',
    generatedAt: new Date('2027-03-29T06:00:00Z'),
    revision: 1,
    stages: [
      { stage: 'PLACED', count: 1, movedIn: 0, movedOut: 0 },
      { stage: 'SUBMITTED', count: 20, movedIn: 5, movedOut: 2 },
      { stage: 'INTERVIEWING', count: 10, movedIn: 2, movedOut: 1 },
    ],
    followUpsByChannel: [{ key: 'EMAIL', count: 10 }],
    followUpsByPurpose: [{ key: 'STATUS_CHECK', count: 10 }],
    followUpsByOutcome: [
      { key: 'NO_ANSWER', count: 6 },
      { key: 'REPLIED', count: 4 },
    ],
    referenceSignalsByKind: [{ key: 'REFERENCES_REQUESTED', count: 1 }],
    medianDaysToDecision: 6.5,
    stalled: [
      {
        applicationId: 'a1',
        candidateId: 'c1',
        candidateName: '<script>alert(1)</script>',
        counselorId: 'u1',
        level: 'HIRING_MANAGER',
        raisedAt: '2027-03-24T09:00:00.000Z',
      },
      {
        applicationId: 'a2',
        candidateId: 'c2',
        candidateName: null,
        counselorId: 'u2',
        level: 'VISIT',
        raisedAt: '2027-03-25T09:00:00.000Z',
      },
    ],
    perCounselor: [
      { ...activity, counselorId: 'u1', counselorName: '=HYPERLINK("http://evil.test")', stages: [] },
      { ...activity, counselorId: 'u2', counselorName: 'Bo & Co', interviews: 2, stages: [] },
    ],
    change: { interviews: 2, followUpsMade: -3 },
    ...overrides,
  };
}

describe('the weekly report as CSV', () => {
  const rows = (csv: string) => parse(csv, { bom: true, relax_column_count: true }) as string[][];
  const section = (all: string[][], title: string) => {
    const start = all.findIndex((row) => row[0] === title);
    const end = all.findIndex((row, index) => index > start && row.length === 1 && row[0] === '');
    return all.slice(start + 1, end);
  };

  it('is one file with a titled section per table, each ending with a blank line', () => {
    const csv = renderReportCsv(report());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const all = rows(csv);
    expect(section(all, 'Summary')).toContainEqual(['Follow-ups made', '10', '-3']);
    expect(section(all, 'Summary')).toContainEqual(['Response rate', '0.4', '']);
    expect(section(all, 'Stages')).toEqual([
      ['Stage', 'At week end', 'Moved in', 'Moved out'],
      ['Submitted', '20', '5', '2'],
      ['Interviewing', '10', '2', '1'],
      ['Placed', '1', '0', '0'],
    ]);
    expect(section(all, 'Follow-ups by outcome')).toEqual([
      ['Outcome', 'Count'],
      ['No answer', '6'],
      ['Replied', '4'],
    ]);
    expect(section(all, 'Stalled applications')[2]).toEqual([
      'a2',
      "(another counselor's candidate)",
      'Bo & Co',
      'Visit',
      '2027-03-25T09:00:00.000Z',
    ]);
  });

  it('never lets a spreadsheet run a name as a formula', () => {
    const perCounselor = section(rows(renderReportCsv(report())), 'Per counselor');
    expect(perCounselor[1]![0]).toBe(`'=HYPERLINK("http://evil.test")`);
  });
});

describe('the weekly report as HTML', () => {
  it('draws the three charts, with one bar per stage and series, scaled to the largest value', () => {
    const html = renderReportHtml({ agencyName: 'Acme', report: report() });
    const chart = (id: string) => html.match(new RegExp(`<svg[^>]*id="${id}"[\\s\\S]*?</svg>`))![0];
    const widths = (svg: string) => [...svg.matchAll(/class="bar"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const funnel = widths(chart('chart-funnel'));
    expect(funnel).toHaveLength(3 * 2);
    // Submitted (20) is the largest bar; Interviewing (10) is half of it.
    expect(funnel[2]! / funnel[0]!).toBeCloseTo(0.5, 2);
    expect(widths(chart('chart-outcomes'))).toHaveLength(2);
    expect(widths(chart('chart-counselors'))).toHaveLength(2 * 4);
  });

  it('escapes every name, and says where a name is withheld', () => {
    const html = renderReportHtml({ agencyName: 'Smith & <Sons>', report: report() });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Smith &amp; &lt;Sons&gt;');
    expect(html).toContain("another counselor's candidate");
  });

  it('renders an empty week without failing', () => {
    const html = renderReportHtml({
      agencyName: 'Acme',
      report: report({ stages: [], followUpsByOutcome: [], perCounselor: [], stalled: [] }),
    });
    expect(html.match(/Nothing this week/g)).toHaveLength(3);
  });
});
