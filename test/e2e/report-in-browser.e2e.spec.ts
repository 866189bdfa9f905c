import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import puppeteer, { Browser } from 'puppeteer-core';
import { startTestApi, TestApi } from '../support/api';
import { CHROMIUM_MISSING, findChromium } from '../support/chromium';
import { setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

/** Git-ignored: what the browser saw, for a person to look at after a run. */
const OUTPUT = join(__dirname, '..', '..', 'test-output');

const chromium = findChromium();
// CI must run it (.ci/run installs the browser); a developer's machine without one is told how to get it.
if (!chromium && process.env.CI) throw new Error(CHROMIUM_MISSING);
if (!chromium) console.warn(`Skipping the browser test of the HTML report. ${CHROMIUM_MISSING}`);
const describeInBrowser = chromium ? describe : describe.skip;

describeInBrowser('the HTML report in headless Chromium', () => {
  let api: TestApi;
  let agency: SignedUpAgency;
  let browser: Browser;
  let reportId: string;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
    const as = (query: string, variables: Record<string, unknown>) =>
      api.gql(query, variables, { token: agency.accessToken });
    const justNow = new Date(Date.now() - 60_000).toISOString();
    for (const [label, outcome] of [
      ['browser-1', 'REPLIED'],
      ['browser-2', 'NO_ANSWER'],
      ['browser-3', 'MESSAGE_LEFT'],
    ] as const) {
      const application = await setUpApplication(api, agency, label);
      await as(`mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`, {
        input: {
          applicationId: application.application,
          occurredAt: justNow,
          interviewerContactIds: [],
          arrangedByAgency: true,
        },
      });
      const logged = await as(`mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename } }`, {
        input: {
          applicationId: application.application,
          contactId: application.hr,
          channel: 'EMAIL',
          purpose: 'THANK_YOU',
          outcome,
          occurredAt: justNow,
        },
      });
      expect(logged.data?.logFollowUp.__typename).toBe('FollowUp');
    }
    const weekStart = DateTime.now().setZone('Europe/London').startOf('week').toISODate();
    const generated = await as(
      `mutation($weekStart: String!) { generatePipelineReport(weekStart: $weekStart) { id } }`,
      {
        weekStart,
      },
    );
    reportId = generated.data!.generatePipelineReport.id;
    browser = await puppeteer.launch({
      executablePath: chromium!,
      headless: true,
      // Root in CI containers has no user namespaces for Chromium's sandbox.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows the three charts with their bars, without a console error, and fits the printed page', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${agency.accessToken}` });
    await page.setViewport({ width: 1000, height: 800 });

    const response = await page.goto(`${api.url}/reports/${reportId}.html`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);

    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => ({
        id: svg.id,
        width: svg.getBoundingClientRect().width,
        bars: [...svg.querySelectorAll('rect.bar')].filter((bar) => bar.getBoundingClientRect().width > 0).length,
      })),
    );
    expect(charts).toEqual([
      { id: 'chart-funnel', width: expect.any(Number), bars: expect.any(Number) },
      { id: 'chart-outcomes', width: expect.any(Number), bars: 3 },
      { id: 'chart-counselors', width: expect.any(Number), bars: 3 },
    ]);
    for (const chart of charts) expect(chart.width).toBeGreaterThan(300);
    expect(charts[0]!.bars).toBeGreaterThanOrEqual(1);

    // Self-contained: the page asked for nothing but itself.
    expect(requested).toEqual([`${api.url}/reports/${reportId}.html`]);

    await mkdir(OUTPUT, { recursive: true });
    await writeFile(join(OUTPUT, 'pipeline-report.png'), await page.screenshot({ fullPage: true, type: 'png' }));

    // Printed on A4, nothing sticks out of the page's width.
    await page.emulateMediaType('print');
    await page.setViewport({ width: 718, height: 1000 });
    const overflow = await page.$eval('html', (root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    await writeFile(join(OUTPUT, 'pipeline-report.pdf'), pdf);

    expect(problems).toEqual([]);
    await page.close();
  });
});
