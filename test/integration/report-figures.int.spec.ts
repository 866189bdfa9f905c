import { randomUUID } from 'node:crypto';
import { RequestContextFactory } from '@lib/context';
import { JobName, JobQueue } from '@lib/queue';
import {
  previousWeek,
  ReportFiguresService,
  ReportScheduleAgencyJob,
  ReportScheduler,
  reportWeek,
  WeeklyReportJob,
} from '@lib/reports';
import { Client } from 'pg';
import { DateTime } from 'luxon';
import { withOwner } from '../support/database';
import { EngineHarness, startEngineHarness } from '../support/engine-harness';
import { insertAgencyWithAdmin } from '../support/seed';

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate();

/** A small agency written as the owner: counselors, one employer, and helpers to write dated events. */
async function agency(client: Client, label: string) {
  const { agencyId } = await insertAgencyWithAdmin(client, label);
  const employer = randomUUID();
  const hr = randomUUID();
  const position = randomUUID();
  await client.query(
    `INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at) VALUES ($1, $2, 'Employer', 'Europe/London', true, now())`,
    [agencyId, employer],
  );
  await client.query(
    `INSERT INTO employer_contacts (agency_id, id, employer_id, full_name, role, is_designated_contact, created_at)
     VALUES ($1, $2, $3, 'HR', 'HR', true, now())`,
    [agencyId, hr, employer],
  );
  await client.query(
    `INSERT INTO positions (agency_id, id, employer_id, title, created_at) VALUES ($1, $2, $3, 'Analyst', now())`,
    [agencyId, position, employer],
  );
  const counselor = async (name: string) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
       VALUES ($1, $2, $3, $4, 'COUNSELOR', '$argon2id$placeholder', now())`,
      [agencyId, id, `${id}@counselors.test`, name],
    );
    return id;
  };
  const application = async (counselorId: string, name: string, submittedAt: string) => {
    const candidate = randomUUID();
    const id = randomUUID();
    await client.query(
      `INSERT INTO candidates (agency_id, id, full_name, email, counselor_id, created_at) VALUES ($1, $2, $3, $4, $5, now())`,
      [agencyId, candidate, name, `${candidate}@candidates.test`, counselorId],
    );
    await client.query(
      `INSERT INTO applications (agency_id, id, candidate_id, position_id, interest_level, stage, stage_changed_at, created_at)
       VALUES ($1, $2, $3, $4, 3, 'SUBMITTED', $5, $5)`,
      [agencyId, id, candidate, position, london(submittedAt)],
    );
    await move(id, null, 'SUBMITTED', submittedAt);
    return id;
  };
  // As the application service does: the history row, and the application's stage now.
  const move = async (applicationId: string, from: string | null, to: string, at: string) => {
    await client.query(
      `INSERT INTO application_stage_changes (agency_id, id, application_id, from_stage, to_stage, changed_at)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, $5)`,
      [agencyId, applicationId, from, to, london(at)],
    );
    await client.query(`UPDATE applications SET stage = $3, stage_changed_at = $4 WHERE agency_id = $1 AND id = $2`, [
      agencyId,
      applicationId,
      to,
      london(at),
    ]);
  };
  const interview = async (applicationId: string, at: string) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO interviews (agency_id, id, application_id, occurred_at, arranged_by_agency, created_at) VALUES ($1, $2, $3, $4, true, now())`,
      [agencyId, id, applicationId, london(at)],
    );
    return id;
  };
  const debrief = (applicationId: string, interviewId: string, at: string) =>
    client.query(
      `INSERT INTO debriefs (agency_id, id, interview_id, application_id, held_at, rating, asked_about_next_steps, strengths, created_at)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, 4, true, '{}', now())`,
      [agencyId, interviewId, applicationId, london(at)],
    );
  const followUp = async (
    applicationId: string,
    at: string,
    channel: string,
    purpose: string,
    outcome: string,
    responseKind: string | null = null,
  ) => {
    const { rows } = await client.query(`SELECT candidate_id FROM applications WHERE agency_id = $1 AND id = $2`, [
      agencyId,
      applicationId,
    ]);
    await client.query(
      `INSERT INTO follow_ups (agency_id, id, application_id, candidate_id, employer_id, contact_id, channel, purpose, outcome,
                               direction, occurred_at, response_kind, starts_gap, created_at)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, 'OUTBOUND', $9, $10, true, now())`,
      [
        agencyId,
        applicationId,
        rows[0].candidate_id,
        employer,
        hr,
        channel,
        purpose,
        outcome,
        london(at),
        responseKind,
      ],
    );
  };
  const signal = (applicationId: string, kind: string, at: string) =>
    client.query(
      `INSERT INTO reference_signals (agency_id, id, application_id, kind, occurred_at, created_at) VALUES ($1, gen_random_uuid(), $2, $3, $4, now())`,
      [agencyId, applicationId, kind, london(at)],
    );
  const escalation = (applicationId: string, raisedAt: string, resolvedAt: string | null = null) =>
    client.query(
      `INSERT INTO escalations (agency_id, id, application_id, level, basis_at, due_at, reason, recommended_action, raised_at,
                                resolved_at, resolution)
       VALUES ($1, gen_random_uuid(), $2, 'HIRING_MANAGER', $3, $3, 'Silence', 'Call', $3, $4, $5)`,
      [agencyId, applicationId, london(raisedAt), resolvedAt ? london(resolvedAt) : null, resolvedAt ? 'DONE' : null],
    );
  return { agencyId, counselor, application, move, interview, debrief, followUp, signal, escalation };
}

/**
 * A known week, Monday 22 to Sunday 28 March 2027 in London, which holds the
 * change to summer time (Sunday 28, 01:00): events just inside both ends of
 * the local week count, one 30 minutes after it does not.
 */
describe('the weekly pipeline figures of a known week', () => {
  let harness: EngineHarness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startEngineHarness('2027-03-29T09:00:00Z');
    await withOwner(harness.db.ownerUrl, async (client) => {
      const a = await agency(client, 'report-a');
      ids.agency = a.agencyId;
      ids.one = await a.counselor('Casey One');
      ids.two = await a.counselor('Casey Two');
      // Counselor one: an application that moves all week, up to a verbal offer late on Sunday (summer time).
      const app1 = (ids.app1 = await a.application(ids.one, 'K One', '2027-03-10T09:00'));
      const interview1 = await a.interview(app1, '2027-03-23T10:00');
      await a.move(app1, 'SUBMITTED', 'INTERVIEWING', '2027-03-23T10:00');
      await a.debrief(app1, interview1, '2027-03-23T15:00');
      await a.followUp(app1, '2027-03-24T09:00', 'EMAIL', 'STATUS_CHECK', 'REACHED');
      await a.followUp(app1, '2027-03-25T12:30', 'PHONE', 'STATUS_CHECK', 'REPLIED', 'DECISION_PENDING');
      await a.move(app1, 'INTERVIEWING', 'AWAITING_DECISION', '2027-03-25T12:30');
      await a.escalation(app1, '2027-03-24T08:00', '2027-03-25T12:30');
      await a.signal(app1, 'REFERENCES_REQUESTED', '2027-03-26T11:00');
      await a.move(app1, 'AWAITING_DECISION', 'REFERENCE_CHECK', '2027-03-26T11:00');
      await a.move(app1, 'REFERENCE_CHECK', 'OFFER_VERBAL', '2027-03-28T23:30');
      // Counselor one: a stalled application, escalated the week before, rejected 30 minutes after the week.
      const app2 = (ids.app2 = await a.application(ids.one, 'K Two', '2027-02-20T09:00'));
      await a.interview(app2, '2027-03-01T10:00');
      await a.move(app2, 'SUBMITTED', 'INTERVIEWING', '2027-03-01T10:00');
      await a.escalation(app2, '2027-03-20T08:00');
      await a.move(app2, 'INTERVIEWING', 'REJECTED', '2027-03-29T00:30');
      // Counselor two: a written offer 30 minutes into the week, and an unanswered letter.
      const app3 = (ids.app3 = await a.application(ids.two, 'K Three', '2027-03-02T09:00'));
      await a.interview(app3, '2027-03-15T10:00');
      await a.move(app3, 'SUBMITTED', 'INTERVIEWING', '2027-03-15T10:00');
      await a.move(app3, 'INTERVIEWING', 'OFFER_WRITTEN', '2027-03-22T00:30');
      await a.followUp(app3, '2027-03-22T09:00', 'LETTER', 'INTEREST_LETTER', 'NO_ANSWER');
      // Another agency, busy the same week: none of it may appear.
      const b = await agency(client, 'report-b');
      const other = await b.application(await b.counselor('Other'), 'K Other', '2027-03-01T09:00');
      await b.interview(other, '2027-03-24T10:00');
      await b.move(other, 'SUBMITTED', 'PLACED', '2027-03-24T11:00');
      await b.followUp(other, '2027-03-24T12:00', 'EMAIL', 'THANK_YOU', 'REPLIED', 'OFFER_WRITTEN');
      await b.escalation(other, '2027-03-23T08:00');
    });
  });

  afterAll(() => harness.close());

  it('counts every figure exactly, per agency and per counselor, against the week before', async () => {
    const week = reportWeek('2027-03-22', 'Europe/London');
    expect(week.weekEnd).toBe('2027-03-28');
    // 167 hours: the clocks went forward on Sunday.
    expect((week.to.getTime() - week.from.getTime()) / 3_600_000).toBe(167);
    const figures = await harness
      .get(RequestContextFactory)
      .runForAgency(ids.agency!, 'report', (ctx) =>
        harness.get(ReportFiguresService).compute(ctx, week, previousWeek(week, 'Europe/London')),
      );

    const activity = {
      interviews: 1,
      debriefs: 1,
      followUpsMade: 3,
      followUpsAnswered: 1,
      responseRate: 0.333,
      referenceSignals: 1,
      verbalOffers: 1,
      writtenOffers: 1,
      placements: 0,
      escalationsRaised: 1,
      escalationsResolved: 1,
      escalationsOpen: 1,
    };
    expect(figures).toEqual({
      ...activity,
      stages: [
        { stage: 'AWAITING_DECISION', count: 0, movedIn: 1, movedOut: 1 },
        { stage: 'INTERVIEWING', count: 1, movedIn: 1, movedOut: 2 },
        { stage: 'OFFER_VERBAL', count: 1, movedIn: 1, movedOut: 0 },
        { stage: 'OFFER_WRITTEN', count: 1, movedIn: 1, movedOut: 0 },
        { stage: 'REFERENCE_CHECK', count: 0, movedIn: 1, movedOut: 1 },
        { stage: 'SUBMITTED', count: 0, movedIn: 0, movedOut: 1 },
      ],
      followUpsByChannel: [
        { key: 'EMAIL', count: 1 },
        { key: 'LETTER', count: 1 },
        { key: 'PHONE', count: 1 },
      ],
      followUpsByPurpose: [
        { key: 'INTEREST_LETTER', count: 1 },
        { key: 'STATUS_CHECK', count: 2 },
      ],
      followUpsByOutcome: [
        { key: 'NO_ANSWER', count: 1 },
        { key: 'REACHED', count: 1 },
        { key: 'REPLIED', count: 1 },
      ],
      referenceSignalsByKind: [{ key: 'REFERENCES_REQUESTED', count: 1 }],
      // Tue 23 -> Sun 28 March: 2 working days (Good Friday, 26 March, is a bank holiday in England);
      // Mon 15 -> Mon 22 March: 5. The median of 2 and 5.
      medianDaysToDecision: 3.5,
      stalled: [
        {
          applicationId: ids.app2,
          candidateId: expect.any(String),
          candidateName: 'K Two',
          counselorId: ids.one,
          level: 'HIRING_MANAGER',
          raisedAt: london('2027-03-20T08:00').toISOString(),
        },
      ],
      perCounselor: [
        {
          counselorId: ids.one,
          counselorName: 'Casey One',
          interviews: 1,
          debriefs: 1,
          followUpsMade: 2,
          followUpsAnswered: 1,
          responseRate: 0.5,
          referenceSignals: 1,
          verbalOffers: 1,
          writtenOffers: 0,
          placements: 0,
          escalationsRaised: 1,
          escalationsResolved: 1,
          escalationsOpen: 1,
          stages: [
            { stage: 'AWAITING_DECISION', count: 0, movedIn: 1, movedOut: 1 },
            { stage: 'INTERVIEWING', count: 1, movedIn: 1, movedOut: 1 },
            { stage: 'OFFER_VERBAL', count: 1, movedIn: 1, movedOut: 0 },
            { stage: 'REFERENCE_CHECK', count: 0, movedIn: 1, movedOut: 1 },
            { stage: 'SUBMITTED', count: 0, movedIn: 0, movedOut: 1 },
          ],
        },
        {
          counselorId: ids.two,
          counselorName: 'Casey Two',
          interviews: 0,
          debriefs: 0,
          followUpsMade: 1,
          followUpsAnswered: 0,
          responseRate: 0,
          referenceSignals: 0,
          verbalOffers: 0,
          writtenOffers: 1,
          placements: 0,
          escalationsRaised: 0,
          escalationsResolved: 0,
          escalationsOpen: 0,
          stages: [
            { stage: 'INTERVIEWING', count: 0, movedIn: 0, movedOut: 1 },
            { stage: 'OFFER_WRITTEN', count: 1, movedIn: 1, movedOut: 0 },
          ],
        },
      ],
      // The week before held app3's interview and app2's escalation, which was still open at its end.
      change: {
        interviews: 0,
        debriefs: 1,
        followUpsMade: 3,
        followUpsAnswered: 1,
        referenceSignals: 1,
        verbalOffers: 1,
        writtenOffers: 1,
        placements: 0,
        escalationsRaised: 0,
        escalationsResolved: 1,
        escalationsOpen: 0,
      },
    });
  });

  it("schedules each agency's report on Monday at its hour in its own time zone", async () => {
    await harness.get(ReportScheduleAgencyJob).run({ agencyId: ids.agency! });
    const scheduler = await harness
      .get(JobQueue)
      .queueOf(JobName.WEEKLY_REPORT)
      .getJobScheduler(ReportScheduler.key(ids.agency!));
    expect(scheduler).toMatchObject({ pattern: '0 7 * * 1', tz: 'Europe/London' });
    const next = DateTime.fromMillis(Number(scheduler!.next), { zone: 'Europe/London' });
    expect([next.weekday, next.hour, next.minute]).toEqual([1, 7, 0]);
  });

  it('generates the week that just ended on Monday morning and e-mails it once to each recipient', async () => {
    harness.clock.set(london('2027-03-29T07:00'));
    // An admin who has left gets nothing.
    await withOwner(harness.db.ownerUrl, (client) =>
      client.query(
        `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at, deactivated_at)
         VALUES ($1, gen_random_uuid(), 'gone@report-a.test', 'Gone', 'ADMIN', '$argon2id$placeholder', now(), now())`,
        [ids.agency],
      ),
    );
    const job = harness.get(WeeklyReportJob);
    expect(await job.run({ agencyId: ids.agency! })).toEqual({ weekStart: '2027-03-22', emailed: 1 });
    expect(await job.run({ agencyId: ids.agency! })).toEqual({ weekStart: '2027-03-22', emailed: 0 });
    const { reports, mails } = await withOwner(harness.db.ownerUrl, async (client) => ({
      reports: (await client.query(`SELECT revision FROM pipeline_reports WHERE agency_id = $1`, [ids.agency])).rows,
      mails: (
        await client.query(`SELECT target, subject, body, html_body FROM notifications WHERE kind = 'report.weekly'`)
      ).rows,
    }));
    expect(reports).toEqual([{ revision: 1 }]);
    expect(mails).toEqual([
      expect.objectContaining({ target: 'admin@report-a.test', subject: 'Pipeline report 2027-03-22' }),
    ]);
    expect(mails[0].body).toContain('Interviews: 1 (+0)');
    expect(mails[0].body).not.toContain('K Two');
    // The HTML report is the alternative body, with its charts, and without candidate names either.
    expect(mails[0].html_body).toContain('<svg xmlns="http://www.w3.org/2000/svg" id="chart-funnel"');
    expect(mails[0].html_body).toContain('id="chart-counselors"');
    expect(mails[0].html_body).not.toContain('K Two');
  });

  it('refuses a week that does not start on a Monday', () => {
    expect(() => reportWeek('2027-03-23', 'Europe/London')).toThrow('weekStart must be a Monday');
  });
});
