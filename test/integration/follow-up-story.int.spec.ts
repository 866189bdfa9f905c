import { ApplicationsService } from '@lib/applications';
import { EscalateAgencyJob, EscalationRaiser } from '@lib/escalations';
import { FollowUpsService } from '@lib/follow-ups';
import { DigestAgencyJob } from '@lib/next-steps';
import { jobId, JobName, JobQueue } from '@lib/queue';
import { InterviewsService } from '@lib/interviews';
import { RequestContextFactory } from '@lib/context';
import { Channel, DelayReason, Direction, Outcome, Purpose, ResponseKind } from '@lib/policy';
import { DateTime } from 'luxon';
import { withOwner } from '../support/database';
import { EngineHarness, seedPipeline, SeededPipeline, startEngineHarness } from '../support/engine-harness';

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate();

/**
 * The acceptance story of the follow-up engine, in simulated time on real
 * PostgreSQL: interview on a Thursday before Christmas, thank-you the same
 * day, the HR e-mail two working days later, then silence over the holidays.
 */
describe('the follow-up engine: a whole story in simulated time', () => {
  let harness: EngineHarness;
  let cast: SeededPipeline;
  let applicationId: string;

  const nextStep = async () =>
    (
      await withOwner(harness.db.ownerUrl, (client) =>
        client.query(`SELECT * FROM application_next_steps WHERE application_id = $1`, [applicationId]),
      )
    ).rows[0];
  const escalations = async () =>
    (
      await withOwner(harness.db.ownerUrl, (client) =>
        client.query(`SELECT * FROM escalations WHERE application_id = $1 ORDER BY raised_at`, [applicationId]),
      )
    ).rows;
  const notifications = async () =>
    (
      await withOwner(harness.db.ownerUrl, (client) =>
        client.query(`SELECT * FROM notifications WHERE agency_id = $1 ORDER BY created_at`, [cast.agencyId]),
      )
    ).rows;
  const sweep = () => harness.get(EscalateAgencyJob).run({ agencyId: cast.agencyId });
  const logFollowUp = (
    at: string,
    fields: { contactId: string; purpose: Purpose; channel?: Channel; outcome?: Outcome; direction?: Direction },
    response?: { kind: ResponseKind; delayReason?: DelayReason; resumeAt?: Date },
  ) => {
    harness.clock.set(london(at));
    return harness.asCounselor(cast, (ctx) =>
      harness.get(FollowUpsService).log(ctx, {
        applicationId,
        channel: fields.channel ?? Channel.EMAIL,
        outcome: fields.outcome ?? Outcome.REACHED,
        direction: fields.direction,
        occurredAt: london(at),
        ...fields,
        response,
      }),
    );
  };

  beforeAll(async () => {
    harness = await startEngineHarness('2026-12-14T09:00:00Z');
    cast = await seedPipeline(harness.db, 'story');
    const application = await harness.asCounselor(cast, (ctx) =>
      harness.get(ApplicationsService).submit(ctx, {
        candidateId: cast.candidateId,
        positionId: cast.positionId,
        interestLevel: 5,
      }),
    );
    applicationId = application.id;
  });

  afterAll(() => harness.close());

  it('asks for the thank-you as soon as the interview is recorded', async () => {
    harness.clock.set(london('2026-12-17T11:30'));
    await harness.asCounselor(cast, (ctx) =>
      harness.get(InterviewsService).record(ctx, {
        applicationId,
        occurredAt: london('2026-12-17T10:00'),
        interviewerContactIds: [cast.hiringManagerId],
        arrangedByAgency: true,
      }),
    );
    const step = await nextStep();
    expect(step.action).toBe('SEND_THANK_YOU');
    expect(step.contact_id).toBe(cast.hiringManagerId);
  });

  it('after the thank-you, plans the status e-mail to HR two working days after the interview', async () => {
    await logFollowUp('2026-12-17T16:00', { contactId: cast.hiringManagerId, purpose: Purpose.THANK_YOU });
    const step = await nextStep();
    expect(step.action).toBe('EMAIL_HR_STATUS');
    expect(step.contact_id).toBe(cast.hrId);
    // Two working days after Thursday is Monday, which the policy avoids: Tuesday, at the start of the day.
    expect(step.due_at.toISOString()).toBe(london('2026-12-22T08:00').toISOString());
  });

  it('after the HR e-mail, the status check skips the holidays and lands in a Tuesday-to-Thursday window', async () => {
    const logged = await logFollowUp('2026-12-21T09:15', { contactId: cast.hrId, purpose: Purpose.STATUS_CHECK });
    expect(logged).toHaveProperty('id');
    const step = await nextStep();
    expect(step.action).toBe('STATUS_CHECK');
    // Seven working days after Monday 21 Dec, skipping 25 and 28 Dec and 1 Jan: Tuesday 5 Jan, 08:00 in London.
    expect(step.due_at.toISOString()).toBe(london('2027-01-05T08:00').toISOString());
    const due = DateTime.fromJSDate(step.due_at, { zone: 'Europe/London' });
    expect([2, 3, 4]).toContain(due.weekday);
    // The hiring-manager rung: ten working days of silence after the interview.
    expect(step.escalation_level).toBe('HIRING_MANAGER');
    expect(step.escalation_due_at.toISOString()).toBe(london('2027-01-05T00:00').toISOString());
  });

  it('keeps one delayed job per application, at its wake-up time: a newer schedule replaced the older ones', async () => {
    const step = await nextStep();
    const jobs = (await harness.get(JobQueue).queueOf(JobName.NEXT_STEP_DUE).getDelayed()).filter(
      (job) => job.data.applicationId === applicationId,
    );
    expect(jobs.map((job) => job.id)).toEqual([
      jobId(JobName.NEXT_STEP_DUE, cast.agencyId, applicationId, step.wake_at.getTime()),
    ]);
    expect(jobs[0]!.data).toEqual({ agencyId: cast.agencyId, applicationId });
  });

  it('raises nothing before the rung is due', async () => {
    harness.clock.set(london('2027-01-04T17:00'));
    expect(await sweep()).toEqual({ raised: 0 });
    expect(await escalations()).toHaveLength(0);
  });

  it('raises the hiring-manager escalation exactly once, though the sweep runs three times and one run dies', async () => {
    harness.clock.set(london('2027-01-05T07:00'));
    await withOwner(harness.db.ownerUrl, (client) =>
      client.query(
        `INSERT INTO agency_webhooks (agency_id, id, url, secret, created_at)
         VALUES ($1, gen_random_uuid(), 'https://hooks.example.test/escalations', 'secret', now())`,
        [cast.agencyId],
      ),
    );
    const contexts = harness.get(RequestContextFactory);
    // A run killed half-way: it raised the rung inside its transaction, which never committed.
    await expect(
      contexts.runForAgency(cast.agencyId, 'killed-sweep', async (ctx) => {
        await harness.get(EscalationRaiser).raiseDue(ctx);
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await escalations()).toHaveLength(0);

    const runs = await Promise.all([sweep(), sweep(), sweep()]);
    expect(runs.map((run) => run.raised).sort()).toEqual([0, 0, 1]);
    const raised = await escalations();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      level: 'HIRING_MANAGER',
      assignee_user_id: cast.counselorId,
      contact_id: cast.hiringManagerId,
      resolved_at: null,
    });
    expect(raised[0].reason).toMatch(/10 working days/);

    const sent = (await notifications()).filter((row) => row.kind === 'escalation.raised');
    expect(sent.map((row) => row.channel).sort()).toEqual(['EMAIL', 'WEBHOOK']);
    const email = sent.find((row) => row.channel === 'EMAIL');
    expect(email).toMatchObject({ target: 'counselor@story.test', status: 'PENDING' });
    expect(email.subject).toContain('Ada Lovelace');
    const webhook = sent.find((row) => row.channel === 'WEBHOOK');
    expect(webhook.target).toBe('https://hooks.example.test/escalations');
    // Ids and words for the agency's systems, never the candidate's personal data.
    expect(webhook.payload).toMatchObject({
      type: 'escalation.raised',
      data: { escalationId: raised[0].id, applicationId, level: 'HIRING_MANAGER' },
    });
    expect(JSON.stringify(webhook.payload)).not.toContain('Ada');

    const step = await nextStep();
    expect(step.action).toBe('ESCALATE_TO_HIRING_MANAGER');
    expect(step.escalation_level).not.toBe('HIRING_MANAGER');
    expect(await sweep()).toEqual({ raised: 0 });
  });

  it("writes each counselor's morning digest of due and overdue next steps once, on working mornings", async () => {
    const digests = async () => (await notifications()).filter((row) => row.kind === 'digest.daily');
    const digest = harness.get(DigestAgencyJob);
    harness.clock.set(london('2027-01-05T06:30'));
    expect(await digest.run({ agencyId: cast.agencyId })).toEqual({ written: 0 });
    harness.clock.set(london('2027-01-05T07:05'));
    expect(await digest.run({ agencyId: cast.agencyId })).toEqual({ written: 1 });
    harness.clock.set(london('2027-01-05T08:05'));
    expect(await digest.run({ agencyId: cast.agencyId })).toEqual({ written: 0 });
    const [written] = await digests();
    expect(written).toMatchObject({ channel: 'EMAIL', target: 'counselor@story.test' });
    expect(written.subject).toBe('Your follow-ups for 2027-01-05: 1 due');
    expect(written.body).toContain('Ada Lovelace, Analyst at Babbage Ltd');
    harness.clock.set(london('2027-01-09T09:00'));
    expect(await digest.run({ agencyId: cast.agencyId })).toEqual({ written: 0 });
  });

  it("resolves the escalation when the employer answers, and keeps the cadence on 'still interviewing'", async () => {
    await logFollowUp(
      '2027-01-06T12:30',
      {
        contactId: cast.hiringManagerId,
        purpose: Purpose.ESCALATION,
        outcome: Outcome.REPLIED,
        channel: Channel.PHONE,
      },
      { kind: ResponseKind.STILL_INTERVIEWING },
    );
    const [escalation] = await escalations();
    expect(escalation).toMatchObject({ resolution: 'EMPLOYER_ANSWERED' });
    expect(escalation.resolved_at).not.toBeNull();
    const step = await nextStep();
    expect(step.action).toBe('STATUS_CHECK');
    expect(step.escalation_level).toBe('HIRING_MANAGER');
    expect(step.escalation_basis_at.toISOString()).toBe(london('2027-01-06T12:30').toISOString());
  });

  it('pauses everything while the employer has announced a delay, and picks up after the date', async () => {
    await logFollowUp(
      '2027-01-07T12:10',
      { contactId: cast.hrId, purpose: Purpose.STATUS_CHECK, direction: Direction.INBOUND, outcome: Outcome.REPLIED },
      { kind: ResponseKind.DELAYED, delayReason: DelayReason.HIRING_FREEZE, resumeAt: london('2027-03-01T09:00') },
    );
    const paused = await nextStep();
    expect(paused.action).toBe('RESUME_AFTER_HOLD');
    expect(paused.escalation_level).toBeNull();
    expect(paused.due_at.getTime()).toBeGreaterThanOrEqual(london('2027-03-01T09:00').getTime());

    harness.clock.set(london('2027-02-25T10:00'));
    expect(await sweep()).toEqual({ raised: 0 });
    expect(await escalations()).toHaveLength(1);
  });
});
