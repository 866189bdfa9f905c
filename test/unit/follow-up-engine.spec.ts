import { Stage } from '@lib/pipeline';
import {
  ApplicationHistory,
  calendarFor,
  Channel,
  defaultFollowUpPolicy,
  EscalationLevel,
  firstContactSlot,
  FollowUpPolicy,
  NextAction,
  Outcome,
  planFollowUp,
  Purpose,
  ResponseKind,
  DelayReason,
  Weekday,
  WorkingCalendar,
} from '@lib/policy';
import { DateTime } from 'luxon';
import {
  afterHrEmail,
  application,
  at,
  escalation,
  followUp,
  hmAttempt,
  interview,
  local,
  reply,
  thankYou,
  ukPolicy,
} from './follow-up-engine.fixtures';

const policy = ukPolicy();
const london = new WorkingCalendar({ timezone: 'Europe/London', country: 'GB', region: 'ENG' });

const plan = (history: ApplicationHistory, now: string, rules: FollowUpPolicy = policy) =>
  planFollowUp(history, rules, at(now));

describe('follow-up engine: the story', () => {
  it('interview on a Thursday, thank-you the same day, HR e-mail two working days later, silence over Christmas', () => {
    const interviewed = application({ interviews: [interview('2026-12-17T10:00')] });
    const first = plan(interviewed, '2026-12-17T12:00').nextStep;
    expect(first.action).toBe(NextAction.SEND_THANK_YOU);
    expect(local(first.dueAt)).toBe('Fri 2026-12-18 18:00');

    const thanked = { ...interviewed, followUps: [thankYou('2026-12-17T16:00')] };
    const second = plan(thanked, '2026-12-17T16:05').nextStep;
    // Two working days after Thursday is Monday 21 Dec, not a contact day: Tuesday's first window.
    expect(second).toMatchObject({ action: NextAction.EMAIL_HR_STATUS, contactId: 'hr' });
    expect(local(second.dueAt)).toBe('Tue 2026-12-22 08:00');

    const emailed = { ...thanked, followUps: [...thanked.followUps, followUp('2026-12-22T08:15')] };
    const silent = plan(emailed, '2026-12-23T10:00');
    // Seven working days after 22 Dec skip 25 and 28 Dec (Boxing Day's substitute) and 1 Jan.
    expect(silent.nextStep).toMatchObject({ action: NextAction.STATUS_CHECK, contactId: 'hr' });
    expect(local(silent.nextStep.dueAt)).toBe('Tue 2027-01-05 08:00');
    expect(silent.escalation).toMatchObject({ level: EscalationLevel.HIRING_MANAGER, contactId: 'hm' });
    expect(silent.escalation!.basisAt).toEqual(at('2026-12-17T10:00'));
    expect(local(silent.escalation!.dueAt)).toBe('Tue 2027-01-05 00:00');
    expect(silent.escalation!.reason).toBe('No answer for 10 working days since the interview on Thu 17 Dec.');
  });
});

describe('follow-up engine: the policy table', () => {
  it('thank-you: by the end of the next working day, to the hiring manager who interviewed (002 step one)', () => {
    const step = plan(application(), '2026-11-26T11:00').nextStep;
    expect(step).toMatchObject({ action: NextAction.SEND_THANK_YOU, contactId: 'hm' });
    expect(local(step.dueAt)).toBe('Fri 2026-11-27 18:00');
    expect(step.reason).toContain('Interview on Thu 26 Nov');
    const sameDay = plan(application(), '2026-11-26T11:00', ukPolicy({ thankYouWithinWorkingDays: 0 })).nextStep;
    expect(local(sameDay.dueAt)).toBe('Thu 2026-11-26 18:00');
  });

  it('HR status e-mail: two working days after the interview, the thank-you starting no gap (002 step two)', () => {
    const history = application({ followUps: [thankYou('2026-11-26T15:00')] });
    const step = plan(history, '2026-11-27T09:00').nextStep;
    expect(step).toMatchObject({ action: NextAction.EMAIL_HR_STATUS, contactId: 'hr' });
    expect(local(step.dueAt)).toBe('Tue 2026-12-01 08:00');
    const answered = {
      ...history,
      followUps: [...history.followUps, reply('2026-11-27T10:00', ResponseKind.STILL_INTERVIEWING)],
    };
    expect(plan(answered, '2026-11-27T11:00').nextStep.action).toBe(NextAction.STATUS_CHECK);
  });

  it('status check cadence: every 7 working days with the designated contact (001, 004)', () => {
    const step = plan(afterHrEmail(), '2026-12-02T10:00').nextStep;
    expect(step).toMatchObject({ action: NextAction.STATUS_CHECK, contactId: 'hr' });
    expect(local(step.dueAt)).toBe('Thu 2026-12-10 08:00');
  });

  it('a changed policy field changes the result: a status check every 5 vs every 10 working days', () => {
    const every = (days: number) =>
      local(plan(afterHrEmail(), '2026-12-02T10:00', ukPolicy({ statusCheckEveryWorkingDays: days })).nextStep.dueAt);
    expect(every(5)).toBe('Tue 2026-12-08 08:00');
    expect(every(10)).toBe('Tue 2026-12-15 08:00');
  });

  it('minimum gap: a scheduled contact waits 5 working days after the last initiated one (002 step three)', () => {
    const eager = ukPolicy({ statusCheckEveryWorkingDays: 2 });
    expect(local(plan(afterHrEmail(), '2026-12-02T10:00', eager).nextStep.dueAt)).toBe('Tue 2026-12-08 08:00');
    const noGap = ukPolicy({ statusCheckEveryWorkingDays: 2, minimumGapWorkingDays: 0 });
    expect(local(plan(afterHrEmail(), '2026-12-02T10:00', noGap).nextStep.dueAt)).toBe('Thu 2026-12-03 08:00');
    expect(local(firstContactSlot(london, policy, at('2026-12-02T12:10'), at('2026-12-01T08:30')))).toBe(
      'Tue 2026-12-08 08:00',
    );
  });

  it('contact days: Tuesday to Thursday, never a holiday (003)', () => {
    expect(local(firstContactSlot(london, policy, at('2026-11-27T10:00'), null))).toBe('Tue 2026-12-01 08:00');
    expect(local(firstContactSlot(london, policy, at('2026-11-30T12:00'), null))).toBe('Tue 2026-12-01 08:00');
    expect(local(firstContactSlot(london, policy, at('2026-12-24T18:30'), null))).toBe('Tue 2026-12-29 08:00');
    const mondays = ukPolicy({ contactDays: [Weekday.MONDAY] });
    expect(local(firstContactSlot(london, mondays, at('2026-11-27T10:00'), null))).toBe('Mon 2026-11-30 08:00');
    expect(() => firstContactSlot(london, ukPolicy({ contactDays: [] }), at('2026-11-27T10:00'), null)).toThrow(
      /no contact days/,
    );
  });

  it("contact windows: start of day, lunchtime, end of day, in the employer's time (003)", () => {
    const slot = (iso: string) => local(firstContactSlot(london, policy, at(iso), null));
    expect(slot('2026-12-01T07:00')).toBe('Tue 2026-12-01 08:00');
    expect(slot('2026-12-01T10:00')).toBe('Tue 2026-12-01 12:00');
    expect(slot('2026-12-01T12:30')).toBe('Tue 2026-12-01 12:30');
    expect(slot('2026-12-01T13:00')).toBe('Tue 2026-12-01 17:00');
    expect(slot('2026-12-01T18:00')).toBe('Wed 2026-12-02 08:00');
    const newYork = new WorkingCalendar({ timezone: 'America/New_York', country: 'US' });
    const nyNoon = firstContactSlot(newYork, policy, at('2026-12-01T10:00', 'America/New_York'), null);
    expect(nyNoon.toISOString()).toBe('2026-12-01T17:00:00.000Z');
  });

  it("contact windows hold across daylight-saving changes, in the employer's wall clock", () => {
    const cairo = new WorkingCalendar({ timezone: 'Africa/Cairo', country: 'GB', region: 'ENG' });
    const nights = ukPolicy({
      contactDays: [Weekday.THURSDAY, Weekday.FRIDAY],
      contactWindows: [
        { start: '00:00', end: '01:30' },
        { start: '22:30', end: '24:00' },
      ],
    });
    const inCairo = (iso: string) =>
      DateTime.fromJSDate(firstContactSlot(cairo, nights, at(iso, 'Africa/Cairo'), null), {
        zone: 'Africa/Cairo',
      }).toISO();
    // Friday 24 Apr 2026 starts at 01:00: midnight does not exist, the window opens when the day does.
    expect(inCairo('2026-04-24T00:00')).toBe('2026-04-24T01:00:00.000+03:00');
    // Thursday 29 Oct 2026 lives 23:00-24:00 twice: the window opens at its first 22:30.
    expect(inCairo('2026-10-29T22:00')).toBe('2026-10-29T22:30:00.000+03:00');
    // London on summer time from Sunday 29 Mar 2026: 08:00 local is 07:00 UTC.
    expect(firstContactSlot(london, policy, at('2026-03-30T20:00'), null).toISOString()).toBe(
      '2026-03-31T07:00:00.000Z',
    );
  });

  it('promised decision date passed with no news: call the next working day (003)', () => {
    const history = afterHrEmail({
      debriefs: [
        {
          heldAt: at('2026-11-26T17:00'),
          promisedDecisionAt: at('2026-12-07T17:00'),
          designatedContactId: 'hm',
          callPermission: null,
        },
      ],
    });
    const step = plan(history, '2026-12-09T10:00').nextStep;
    expect(step).toMatchObject({ action: NextAction.CALL_PROMISED_DATE_PASSED, contactId: 'hm' });
    expect(local(step.dueAt)).toBe('Tue 2026-12-08 08:00');
    expect(step.reason).toContain('Mon 7 Dec');
    expect(plan(history, '2026-12-04T10:00').nextStep.action).toBe(NextAction.STATUS_CHECK);
    const news = {
      ...history,
      followUps: [...history.followUps, reply('2026-12-08T09:00', ResponseKind.STILL_INTERVIEWING)],
    };
    expect(plan(news, '2026-12-09T10:00').nextStep.action).toBe(NextAction.STATUS_CHECK);
  });

  it('call permission: the call is due exactly at the agreed slot, outside windows and the gap (003)', () => {
    const history = application({
      followUps: [thankYou('2026-11-26T15:00'), followUp('2026-11-27T10:00')],
      debriefs: [
        {
          heldAt: at('2026-11-26T17:00'),
          promisedDecisionAt: null,
          designatedContactId: 'hm',
          callPermission: { slotAt: at('2026-11-30T14:15'), bestWayToReach: 'direct line, ask for Maya' },
        },
      ],
    });
    const step = plan(history, '2026-11-28T10:00').nextStep;
    expect(step).toMatchObject({ action: NextAction.CALL_AT_PERMISSION, contactId: 'hm' });
    expect(step.dueAt).toEqual(at('2026-11-30T14:15'));
    expect(step.reason).toContain('direct line, ask for Maya');
    const called = {
      ...history,
      followUps: [...history.followUps, hmAttempt('2026-11-30T14:16', { purpose: Purpose.STATUS_CHECK })],
    };
    expect(plan(called, '2026-11-30T15:00').nextStep.action).toBe(NextAction.STATUS_CHECK);
  });

  it('gatekeeper: never leave a message, by default (003); not a scheduling rule', () => {
    expect(defaultFollowUpPolicy('GB').leaveMessageWithGatekeeper).toBe(false);
  });

  it('no answer for 10 working days: the HIRING_MANAGER rung, around HR (000)', () => {
    const { escalation: rung } = plan(afterHrEmail(), '2026-12-02T10:00');
    expect(rung).toMatchObject({ level: EscalationLevel.HIRING_MANAGER, contactId: 'hm' });
    expect(rung!.basisAt).toEqual(at('2026-11-26T10:00'));
    expect(local(rung!.dueAt)).toBe('Thu 2026-12-10 00:00');
    expect(rung!.recommendedAction).toContain('Maya Patel');
  });

  describe('the hiring manager unanswered after 3 attempts (003)', () => {
    const basis = at('2026-11-26T10:00');
    const escalated = (attempts: number, isLocal: boolean) =>
      afterHrEmail({
        employer: { timezone: 'Europe/London', isLocal },
        escalations: [escalation(EscalationLevel.HIRING_MANAGER, basis, '2026-12-10T09:00')],
        followUps: [
          ...afterHrEmail().followUps,
          ...['2026-12-10T12:15', '2026-12-17T08:30', '2026-12-24T08:30']
            .slice(0, attempts)
            .map((iso) => hmAttempt(iso)),
        ],
      });

    it('recommends a visit when the employer is local', () => {
      const { escalation: rung, nextStep } = plan(escalated(3, true), '2026-12-24T10:00');
      expect(rung).toMatchObject({ level: EscalationLevel.VISIT, contactId: 'hm' });
      expect(rung!.dueAt).toEqual(at('2026-12-24T08:30'));
      expect(rung!.recommendedAction).toMatch(/not on a Monday or Friday.*note with a resume/);
      expect(nextStep).toMatchObject({ action: NextAction.ESCALATE_TO_HIRING_MANAGER, contactId: 'hm' });
    });

    it('recommends a closing letter when it is not', () => {
      expect(plan(escalated(3, false), '2026-12-24T10:00').escalation?.level).toBe(EscalationLevel.CLOSING_LETTER);
    });

    it('waits for the third attempt', () => {
      expect(plan(escalated(2, true), '2026-12-17T10:00').escalation?.level).not.toBe(EscalationLevel.VISIT);
    });
  });

  it('OUT_OF_RUNNING: 30 working days after the escalation, or once everything was tried (003)', () => {
    const basis = at('2026-11-26T10:00');
    const escalated = afterHrEmail({
      escalations: [
        escalation(EscalationLevel.HIRING_MANAGER, basis, '2026-12-10T09:00'),
        escalation(EscalationLevel.NEXT_STEP_OVERDUE, at('2026-12-10T09:00'), '2026-12-14T00:00'),
      ],
    });
    const long = plan(escalated, '2026-12-15T10:00').escalation;
    expect(long).toMatchObject({ level: EscalationLevel.OUT_OF_RUNNING, contactId: null });
    expect(local(long!.dueAt)).toBe('Tue 2027-01-26 00:00');
    expect(long!.recommendedAction).toContain('keep the relationship warm');

    const visited = afterHrEmail({
      escalations: [
        escalation(EscalationLevel.HIRING_MANAGER, basis, '2026-12-10T09:00', '2026-12-24T09:00'),
        escalation(EscalationLevel.VISIT, basis, '2026-12-24T09:00', '2026-12-29T13:00'),
      ],
      followUps: [
        ...afterHrEmail().followUps,
        followUp('2026-12-29T12:30', { contactId: 'hm', channel: Channel.IN_PERSON, purpose: Purpose.VISIT }),
      ],
    });
    const tried = plan(visited, '2026-12-30T10:00').escalation;
    expect(tried).toMatchObject({ level: EscalationLevel.OUT_OF_RUNNING });
    expect(local(tried!.dueAt)).toBe('Fri 2027-01-08 00:00');
    expect(tried!.reason).toContain('Everything was tried');
  });

  it('an open OUT_OF_RUNNING escalation asks the counselor to mark it, not to contact anyone', () => {
    const basis = at('2026-11-26T10:00');
    const history = afterHrEmail({
      escalations: [
        escalation(EscalationLevel.HIRING_MANAGER, basis, '2026-12-10T09:00', '2026-12-24T09:00'),
        escalation(EscalationLevel.OUT_OF_RUNNING, basis, '2027-01-26T00:05'),
      ],
    });
    const step = plan(history, '2027-01-26T10:00').nextStep;
    expect(step).toMatchObject({ action: NextAction.MARK_OUT_OF_RUNNING, contactId: null });
    expect(step.dueAt).toEqual(at('2027-01-26T00:05'));
  });

  describe('ON_HOLD: pause until the announced date, then resume (004)', () => {
    const held = afterHrEmail({
      stage: Stage.ON_HOLD,
      followUps: [
        ...afterHrEmail().followUps,
        reply('2026-12-03T11:00', ResponseKind.DELAYED, {
          resumeAt: at('2027-01-04T09:00'),
          delayReason: DelayReason.BUDGET,
        }),
      ],
    });

    it('pauses the cadence and the ladder', () => {
      const paused = plan(held, '2026-12-14T10:00');
      expect(paused.nextStep).toMatchObject({ action: NextAction.RESUME_AFTER_HOLD, contactId: 'hr' });
      expect(local(paused.nextStep.dueAt)).toBe('Tue 2027-01-05 08:00');
      expect(paused.nextStep.reason).toBe(
        'Paused: the employer announced a delay (budget) until Mon 4 Jan. Resume the follow-ups then (004).',
      );
      expect(paused.escalation).toBeNull();
      expect(paused.temperature.reasons.map((reason) => reason.text)).toContain(
        'Paused by the employer until Mon 4 Jan (-10)',
      );
    });

    it('resumes the cadence from the resume date', () => {
      const resumed = plan(held, '2027-01-06T10:00', ukPolicy({ overdueGraceWorkingDays: 20 }));
      expect(resumed.nextStep.action).toBe(NextAction.STATUS_CHECK);
      expect(local(resumed.nextStep.dueAt)).toBe('Wed 2027-01-13 08:00');
      expect(resumed.escalation).toMatchObject({ level: EscalationLevel.HIRING_MANAGER });
      expect(resumed.escalation!.basisAt).toEqual(at('2027-01-04T09:00'));
      expect(local(resumed.escalation!.dueAt)).toBe('Mon 2027-01-18 00:00');
    });
  });

  describe('rejection: a closing thanks, then nothing (002 step four)', () => {
    const rejected = afterHrEmail({ stage: Stage.REJECTED, stageChangedAt: at('2026-12-03T16:00') });

    it('asks for a closing thanks to the hiring manager by the end of the next working day', () => {
      const { nextStep, escalation: rung, temperature } = plan(rejected, '2026-12-03T17:00');
      expect(nextStep).toMatchObject({ action: NextAction.SEND_CLOSING_THANKS, contactId: 'hm' });
      expect(local(nextStep.dueAt)).toBe('Fri 2026-12-04 18:00');
      expect(nextStep.reason).toContain('never burn the bridge');
      expect(rung).toBeNull();
      expect(temperature.score).toBe(0);
    });

    it('is done once the closing thanks is logged', () => {
      const thanked = {
        ...rejected,
        followUps: [
          ...rejected.followUps,
          followUp('2026-12-04T09:00', { contactId: 'hm', purpose: Purpose.CLOSING_THANKS }),
        ],
      };
      expect(plan(thanked, '2026-12-04T10:00').nextStep).toMatchObject({ action: NextAction.NONE, dueAt: null });
    });
  });

  it('only the written offer ends the campaign; a verbal offer keeps the cadence (003)', () => {
    const written = plan(afterHrEmail({ stage: Stage.OFFER_WRITTEN }), '2026-12-02T10:00');
    expect(written.nextStep).toMatchObject({ action: NextAction.NONE, dueAt: null });
    expect(written.escalation).toBeNull();
    expect(written.temperature.score).toBe(100);
    const verbal = plan(afterHrEmail({ stage: Stage.OFFER_VERBAL }), '2026-12-02T10:00');
    expect(verbal.nextStep.action).toBe(NextAction.STATUS_CHECK);
    expect(verbal.escalation).not.toBeNull();
  });

  it('"still interviewing": keep the cadence, counted from the reply (002 step four)', () => {
    const history = afterHrEmail({
      followUps: [...afterHrEmail().followUps, reply('2026-12-02T14:00', ResponseKind.STILL_INTERVIEWING)],
    });
    const { nextStep, escalation: rung } = plan(history, '2026-12-03T10:00');
    expect(nextStep.action).toBe(NextAction.STATUS_CHECK);
    expect(local(nextStep.dueAt)).toBe('Tue 2026-12-15 08:00');
    expect(rung!.basisAt).toEqual(at('2026-12-02T14:00'));
  });

  it('long silence: a low-pressure contact every 10 working days, never assume the candidate is out (001)', () => {
    const history = afterHrEmail({
      followUps: [...afterHrEmail().followUps, followUp('2027-01-12T08:30')],
    });
    const step = plan(history, '2027-01-13T10:00').nextStep;
    expect(step.action).toBe(NextAction.LOW_PRESSURE_CHECK);
    expect(local(step.dueAt)).toBe('Tue 2027-01-26 08:00');
    expect(step.reason).toContain('do not assume');
    // 29 working days after the interview the regular cadence still applies.
    expect(plan(afterHrEmail(), '2027-01-11T10:00').nextStep.action).toBe(NextAction.STATUS_CHECK);
  });

  it('fading impression: the temperature falls with the silence (004)', () => {
    const scoreAt = (now: string) => plan(afterHrEmail(), now).temperature;
    const [week, fortnight, month] = [
      scoreAt('2026-12-08T10:00'),
      scoreAt('2026-12-17T10:00'),
      scoreAt('2027-01-13T10:00'),
    ];
    expect(week.score).toBe(49);
    expect(week.reasons.map((reason) => reason.text)).toEqual([
      'Open application (+50)',
      "Candidate's interest 4 of 5 (+5)",
      'No real exchange for 8 working days since the interview on Thu 26 Nov (-6)',
    ]);
    expect(fortnight.score).toBeLessThan(week.score);
    expect(month.score).toBeLessThan(fortnight.score);
  });
});

describe('follow-up engine: the ladder raises each rung once', () => {
  it('does not offer a raised rung again (same level and basis), and a new reply starts a new basis', () => {
    const basis = at('2026-11-26T10:00');
    const rules = ukPolicy({ overdueGraceWorkingDays: 20 });
    const raised = afterHrEmail({
      escalations: [escalation(EscalationLevel.HIRING_MANAGER, basis, '2026-12-10T00:05')],
    });
    const again = plan(raised, '2026-12-10T10:00', rules).escalation;
    expect(again?.level).not.toBe(EscalationLevel.HIRING_MANAGER);

    const answered = {
      ...raised,
      followUps: [...raised.followUps, reply('2026-12-11T10:00', ResponseKind.STILL_INTERVIEWING)],
    };
    const fresh = plan(answered, '2026-12-11T11:00', rules);
    expect(fresh.escalation).toMatchObject({ level: EscalationLevel.HIRING_MANAGER });
    expect(fresh.escalation!.basisAt).toEqual(at('2026-12-11T10:00'));
    expect(local(fresh.escalation!.dueAt)).toBe('Tue 2026-12-29 00:00');
    // The old escalation belongs to the previous silence: the cadence goes on instead of escalating.
    expect(fresh.nextStep.action).toBe(NextAction.STATUS_CHECK);
  });

  it('raises the overdue rung when a next step is not logged in time', () => {
    const history = afterHrEmail({
      escalations: [escalation(EscalationLevel.HIRING_MANAGER, at('2026-11-26T10:00'), '2026-12-10T00:05')],
    });
    const { nextStep, escalation: rung } = plan(history, '2026-12-10T10:00');
    expect(rung).toMatchObject({ level: EscalationLevel.NEXT_STEP_OVERDUE, basisAt: nextStep.dueAt });
    expect(rung!.reason).toBe('The contact with the hiring manager was due Thu 10 Dec and is not logged yet.');
  });

  it('builds its calendar from the employer and the policy', () => {
    const calendar = calendarFor(application(), policy);
    expect(calendar.timezone).toBe('Europe/London');
    expect(calendar.isWorkingDay(calendar.localDay(at('2026-12-28T12:00')))).toBe(false);
  });
});

describe('temperature', () => {
  it('warms with reference checks and a promised date ahead (001, 003)', () => {
    const history = afterHrEmail({
      stage: Stage.REFERENCE_CHECK,
      interestLevel: 5,
      referenceSignals: [
        { kind: 'REFERENCES_REQUESTED', occurredAt: at('2026-12-03T10:00') },
        { kind: 'REFERENCE_CONTACTED', occurredAt: at('2026-12-04T10:00') },
      ],
      followUps: [
        ...afterHrEmail().followUps,
        reply('2026-12-03T10:00', ResponseKind.DECISION_PENDING, { newDecisionAt: at('2026-12-11T17:00') }),
      ],
    });
    const { score, reasons } = plan(history, '2026-12-07T10:00').temperature;
    expect(reasons.map((reason) => reason.text)).toEqual([
      'Open application (+50)',
      "Candidate's interest 5 of 5 (+10)",
      'Reference check under way (+10)',
      'References requested on Thu 3 Dec (+15)',
      'A referee was contacted on Fri 4 Dec (+10)',
      'Decision promised by Fri 11 Dec (+10)',
      'The employer replied on Thu 3 Dec (+10)',
    ]);
    expect(score).toBe(100);
  });

  it('cools with blocked calls and open escalations, never below 0', () => {
    const history = afterHrEmail({
      interestLevel: 1,
      followUps: [
        ...afterHrEmail().followUps,
        hmAttempt('2027-01-05T08:10'),
        hmAttempt('2027-01-12T08:10', { outcome: Outcome.BLOCKED_BY_GATEKEEPER }),
        hmAttempt('2027-01-19T08:10'),
        hmAttempt('2027-01-26T08:10'),
      ],
      escalations: [
        escalation(EscalationLevel.HIRING_MANAGER, at('2026-11-26T10:00'), '2026-12-10T00:05'),
        escalation(EscalationLevel.NEXT_STEP_OVERDUE, at('2026-12-10T09:00'), '2026-12-14T00:05'),
        escalation(EscalationLevel.VISIT, at('2026-11-26T10:00'), '2026-12-24T00:05'),
      ],
    });
    const { score, reasons } = plan(history, '2027-02-01T10:00').temperature;
    expect(reasons.map((reason) => reason.points)).toEqual([50, -10, -40, -15, -20]);
    expect(score).toBe(0);
  });
});
