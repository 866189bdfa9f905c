import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { inviteCounselor, setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const REPORT_FIELDS = `id weekStart weekEnd revision interviews followUpsMade escalationsOpen
  stages { stage count movedIn movedOut } stalled { applicationId candidateName counselorId }
  perCounselor { counselorId counselorName interviews } change { interviews }`;
const GENERATE = `mutation($weekStart: String!) { generatePipelineReport(weekStart: $weekStart) { ${REPORT_FIELDS} } }`;
const REPORT = `query($weekStart: String!) { pipelineReport(weekStart: $weekStart) { ${REPORT_FIELDS} } }`;
const REPORTS = `{ pipelineReports(first: 10) { totalCount edges { node { weekStart revision } } } }`;

describe('weekly pipeline reports over GraphQL', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;
  let counselor: { id: string; token: string };
  let application: Awaited<ReturnType<typeof setUpApplication>>;
  const thisMonday = DateTime.now().setZone('Europe/London').startOf('week').toISODate()!;

  const asA = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyA.accessToken });

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    counselor = await inviteCounselor(api, agencyA, 'counselor@reports.test');
    application = await setUpApplication(api, agencyA, 'report');
    // Submitted weeks ago and never followed up: the sweep raises an escalation this week.
    expect((await asA(`mutation { runEscalationSweep { raised } }`)).data!.runEscalationSweep.raised).toBe(1);
    await asA(`mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`, {
      input: {
        applicationId: application.application,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        interviewerContactIds: [],
        arrangedByAgency: true,
      },
    });
  });

  afterAll(() => api.close());

  it('lets an admin generate a week, and regenerating adds a revision instead of replacing', async () => {
    const first = (await asA(GENERATE, { weekStart: thisMonday })).data!.generatePipelineReport;
    expect(first).toMatchObject({ weekStart: thisMonday, revision: 1, interviews: 1 });
    expect(first.weekEnd).toBe(DateTime.fromISO(thisMonday).plus({ days: 6 }).toISODate());
    expect(first.perCounselor).toEqual([expect.objectContaining({ counselorId: agencyA.adminId, interviews: 1 })]);
    const second = (await asA(GENERATE, { weekStart: thisMonday })).data!.generatePipelineReport;
    expect(second.revision).toBe(2);
    expect((await asA(REPORT, { weekStart: thisMonday })).data!.pipelineReport.id).toBe(second.id);
    const listed = (await asA(REPORTS)).data!.pipelineReports;
    expect(listed.totalCount).toBe(2);
  });

  it('shows counselors the report, but candidate names only of their own candidates', async () => {
    const forAdmin = (await asA(REPORT, { weekStart: thisMonday })).data!.pipelineReport;
    expect(forAdmin.stalled.length).toBeGreaterThan(0);
    expect(forAdmin.stalled[0]).toMatchObject({ candidateName: 'Candidate report', counselorId: agencyA.adminId });
    const forCounselor = (await api.gql(REPORT, { weekStart: thisMonday }, { token: counselor.token })).data!
      .pipelineReport;
    expect(forCounselor.stalled[0]).toMatchObject({ candidateName: null, applicationId: application.application });
    expect(errorCode(await api.gql(GENERATE, { weekStart: thisMonday }, { token: counselor.token }))).toBe('FORBIDDEN');
  });

  it('downloads a revision as CSV and as a self-contained HTML page, with the same name rule', async () => {
    const { id } = (await asA(REPORT, { weekStart: thisMonday })).data!.pipelineReport;
    const download = (file: string, token?: string) =>
      fetch(`${api.url}/reports/${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    const csv = await download(`${id}.csv`, agencyA.accessToken);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="pipeline-report-${thisMonday}-r2.csv"`);
    const rows = parse(await csv.text(), { bom: true, relax_column_count: true }) as string[][];
    const section = (title: string) => rows.slice(rows.findIndex((row) => row[0] === title) + 1);
    expect(section('Summary').slice(0, 2)).toEqual([
      ['Figure', 'This week', 'Change against last week'],
      ['Interviews', '1', expect.any(String)],
    ]);
    expect(section('Stages')[0]).toEqual(['Stage', 'At week end', 'Moved in', 'Moved out']);
    expect(section('Per counselor')[1]![0]).toMatch(/^Admin /);
    expect(section('Stalled applications')[1]).toEqual([
      application.application,
      'Candidate report',
      expect.stringMatching(/^Admin /),
      expect.any(String),
      expect.any(String),
    ]);

    const page = await download(`${id}.html`, agencyA.accessToken);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    for (const chart of ['chart-funnel', 'chart-outcomes', 'chart-counselors']) expect(html).toContain(`id="${chart}"`);
    expect(html).toContain('Candidate report');
    expect(html).not.toMatch(/<script|src=|href=/);

    const counselorCsv = await (await download(`${id}.csv`, counselor.token)).text();
    expect(counselorCsv).not.toContain('Candidate report');
    expect(counselorCsv).toContain("(another counselor's candidate)");
    const counselorPage = await (await download(`${id}.html`, counselor.token)).text();
    expect(counselorPage).not.toContain('Candidate report');
    expect(counselorPage).toContain('id="chart-funnel"');
  });

  it('answers NOT_FOUND for another agency, an unknown id or format, and UNAUTHENTICATED without a token', async () => {
    const { id } = (await asA(REPORT, { weekStart: thisMonday })).data!.pipelineReport;
    const download = async (file: string, token?: string) => {
      const response = await fetch(`${api.url}/reports/${file}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };
    expect(await download(`${id}.html`, agencyB.accessToken)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await download(`${id}.csv`, agencyB.accessToken)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await download(`${randomUUID()}.csv`, agencyA.accessToken)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await download(`${id}.pdf`, agencyA.accessToken)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await download(`not-an-id.csv`, agencyA.accessToken)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await download(`${id}.csv`)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a week not starting on a Monday, and keeps agencies apart', async () => {
    const tuesday = DateTime.fromISO(thisMonday).plus({ days: 1 }).toISODate();
    const bad = await asA(GENERATE, { weekStart: tuesday });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions.fields).toEqual([expect.objectContaining({ field: 'weekStart' })]);
    const lastYear = DateTime.fromISO(thisMonday).minus({ years: 1 }).startOf('week').toISODate();
    expect(errorCode(await asA(REPORT, { weekStart: lastYear }))).toBe('NOT_FOUND');
    const asB = (query: string, variables: Record<string, unknown> = {}) =>
      api.gql(query, variables, { token: agencyB.accessToken });
    expect(errorCode(await asB(REPORT, { weekStart: thisMonday }))).toBe('NOT_FOUND');
    expect((await asB(REPORTS)).data!.pipelineReports.totalCount).toBe(0);
  });
});
