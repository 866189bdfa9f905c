import { Stage } from '@lib/pipeline';
import {
  ApplicationHistory,
  calendarFor,
  Channel,
  ContactRole,
  defaultFollowUpPolicy,
  Direction,
  EscalationLevel,
  EscalationRung,
  firstContactSlot,
  FollowUpPolicy,
  gapEnd,
  HistoryFollowUp,
  isContactDay,
  isInContactWindow,
  NextAction,
  Outcome,
  planFollowUp,
  Purpose,
  ResponseKind,
  startsGap,
  Weekday,
  WorkingCalendar,
} from '@lib/policy';
import fc from 'fast-check';

/** Employers on both hemispheres and without DST; Cairo changes its clocks at midnight on a working day. */
const PLACES = [
  { timezone: 'America/New_York', country: 'US', region: null },
  { timezone: 'Europe/London', country: 'GB', region: 'ENG' },
  { timezone: 'Australia/Sydney', country: 'AU', region: 'NSW' },
  { timezone: 'Asia/Kolkata', country: 'IN', region: null },
  { timezone: 'Africa/Cairo', country: 'EG', region: null },
];

/** The articles' windows, one across the small hours (where clocks change) and a business day. */
const WINDOW_SETS = [
  defaultFollowUpPolicy('GB').contactWindows,
  [
    { start: '00:00', end: '01:30' },
    { start: '22:30', end: '24:00' },
  ],
  [{ start: '09:00', end: '17:30' }],
];

const DAY_MS = 24 * 3600 * 1000;
const FROM = new Date('2026-01-01T00:00:00Z').getTime();
const TO = new Date('2027-12-31T00:00:00Z').getTime();

const placeArb = fc.constantFrom(...PLACES);

/** Clock changes of these zones in 2026-2027 (Cairo's on a Friday at midnight and a Thursday at 24:00). */
const CLOCK_CHANGES = Object.values({
  newYork: ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07'],
  london: ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'],
  sydney: ['2026-04-05', '2026-10-04', '2027-04-04', '2027-10-03'],
  cairo: ['2026-04-24', '2026-10-29', '2027-04-30', '2027-10-28'],
})
  .flat()
  .map((day) => new Date(`${day}T00:00:00Z`).getTime());

/** Any instant of 2026-2027, or one within three days of a clock change. */
const instantArb = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.constantFrom(...CLOCK_CHANGES), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }))
    .map(([change, offset]) => change + offset),
);

const policyArb = (place: (typeof PLACES)[number]) =>
  fc
    .record({
      contactDays: fc.subarray(Object.values(Weekday), { minLength: 1 }),
      contactWindows: fc.constantFrom(...WINDOW_SETS),
      statusCheckEveryWorkingDays: fc.integer({ min: 5, max: 10 }),
      minimumGapWorkingDays: fc.integer({ min: 0, max: 7 }),
      thankYouWithinWorkingDays: fc.integer({ min: 0, max: 2 }),
      hiringManagerAttemptsBeforeVisit: fc.integer({ min: 1, max: 4 }),
      escalateToHiringManagerAfterWorkingDays: fc.integer({ min: 3, max: 12 }),
      outOfRunningAfterWorkingDays: fc.integer({ min: 5, max: 30 }),
      overdueGraceWorkingDays: fc.integer({ min: 0, max: 3 }),
    })
    .map((rules): FollowUpPolicy => ({
      ...defaultFollowUpPolicy(place.country),
      holidayRegion: place.region,
      ...rules,
    }));

const CONTACTS = [
  { id: 'hm', fullName: 'Hiring Manager', role: ContactRole.HIRING_MANAGER },
  { id: 'hr', fullName: 'Recruiter', role: ContactRole.HR },
  { id: 'gk', fullName: 'Reception', role: ContactRole.GATEKEEPER },
  { id: 'iv', fullName: 'Interviewer', role: ContactRole.INTERVIEWER },
];

const OPEN_STAGES = [
  Stage.INTERVIEWING,
  Stage.AWAITING_DECISION,
  Stage.REFERENCE_CHECK,
  Stage.OFFER_VERBAL,
  Stage.ON_HOLD,
];
const ATTEMPT_OUTCOMES = [Outcome.REACHED, Outcome.NO_ANSWER, Outcome.BLOCKED_BY_GATEKEEPER, Outcome.MESSAGE_LEFT];

/** A follow-up: mostly the agency reaching out or the employer answering, sometimes any combination at all. */
const followUpArb = (instant: fc.Arbitrary<Date>) => {
  const maybeInstant = fc.option(instant, { nil: null });
  const base = {
    occurredAt: instant,
    contact: fc.integer({ min: 0, max: CONTACTS.length - 1 }),
    channel: fc.constantFrom(...Object.values(Channel)),
    purpose: fc.constantFrom(...Object.values(Purpose)),
  };
  const anyAnswer = fc.option(fc.constantFrom(...Object.values(ResponseKind)), { nil: null });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        ...base,
        outcome: fc.constantFrom(...ATTEMPT_OUTCOMES),
        direction: fc.constant(Direction.OUTBOUND),
        responseKind: fc.constant(null),
        newDecisionAt: fc.constant(null),
        resumeAt: fc.constant(null),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        ...base,
        outcome: fc.constant(Outcome.REPLIED),
        direction: fc.constantFrom(...Object.values(Direction)),
        responseKind: anyAnswer,
        newDecisionAt: maybeInstant,
        resumeAt: maybeInstant,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        ...base,
        outcome: fc.constantFrom(...Object.values(Outcome)),
        direction: fc.constantFrom(...Object.values(Direction)),
        responseKind: anyAnswer,
        newDecisionAt: maybeInstant,
        resumeAt: maybeInstant,
      }),
    },
  );
};

/** A random but valid history around a start instant; every event within about three months of it. */
const historyArb = (place: (typeof PLACES)[number]) =>
  instantArb.chain((start) => {
    const instant = fc.integer({ min: 0, max: 90 * DAY_MS }).map((offset) => new Date(start + offset));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    return fc.record({
      now: fc.integer({ min: 0, max: 130 * DAY_MS }).map((offset) => new Date(start + offset)),
      thanked: fc.boolean(),
      history: fc.record({
        stage: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...OPEN_STAGES) },
          { weight: 1, arbitrary: fc.constantFrom(...Object.values(Stage)) },
        ),
        stageChangedAt: instant,
        submittedAt: fc.constant(new Date(start)),
        interestLevel: fc.integer({ min: 1, max: 5 }),
        employer: fc.record({ timezone: fc.constant(place.timezone), isLocal: fc.boolean() }),
        contacts: maybe(fc.integer({ min: 0, max: CONTACTS.length - 1 })).map((designated) =>
          CONTACTS.map((contact, index) => ({ ...contact, isDesignatedContact: index === designated })),
        ),
        interviews: fc.array(
          fc.record({
            occurredAt: instant,
            interviewerContactIds: fc.subarray(['hm', 'iv', 'hr']),
            arrangedByAgency: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        debriefs: fc.array(
          fc.record({
            heldAt: instant,
            promisedDecisionAt: maybe(instant),
            designatedContactId: maybe(fc.constantFrom('hm', 'hr')),
            callPermission: maybe(fc.record({ slotAt: instant, bestWayToReach: fc.constant('direct line') })),
          }),
          { maxLength: 2 },
        ),
        followUps: fc.array(followUpArb(instant), { maxLength: 8 }),
        referenceSignals: fc.array(
          fc.record({
            kind: fc.constantFrom('REFERENCES_REQUESTED', 'REFERENCE_CONTACTED', 'REFERENCE_CHECK_COMPLETED' as const),
            occurredAt: instant,
          }),
          { maxLength: 3 },
        ),
        escalations: fc.array(
          fc.record({
            level: fc.constantFrom(...Object.values(EscalationLevel)),
            basisAt: instant,
            raisedAt: instant,
            resolvedAt: maybe(instant),
          }),
          { maxLength: 2 },
        ),
      }),
    });
  });

function followUpTo(contactId: string, occurredAt: Date, purpose: Purpose, channel = Channel.EMAIL): HistoryFollowUp {
  const contact = CONTACTS.find((candidate) => candidate.id === contactId)!;
  return {
    occurredAt,
    contactId,
    contactRole: contact.role,
    channel,
    purpose,
    outcome: Outcome.NO_ANSWER,
    direction: Direction.OUTBOUND,
    responseKind: null,
    newDecisionAt: null,
    resumeAt: null,
  };
}

/** A history, its policy and the time; the thank-you after the last interview is often logged, as in life. */
const caseArb = placeArb.chain((place) =>
  fc
    .record({
      policy: policyArb(place),
      sample: historyArb(place),
      attemptsAfterEscalation: fc.integer({ min: 0, max: 4 }),
      lastResortTried: fc.boolean(),
    })
    .map(({ policy, sample, attemptsAfterEscalation, lastResortTried }) => {
      const { interviews, followUps } = sample.history;
      const last = interviews.reduce<Date | null>((at, i) => (!at || i.occurredAt > at ? i.occurredAt : at), null);
      const thankYou =
        sample.thanked && last ? [followUpTo('hm', new Date(last.getTime() + 3600_000), Purpose.THANK_YOU)] : [];
      const history: ApplicationHistory = {
        ...sample.history,
        followUps: [
          ...followUps.map(({ contact, ...followUp }) => ({
            ...followUp,
            contactId: CONTACTS[contact].id,
            contactRole: CONTACTS[contact].role,
          })),
          ...thankYou,
        ],
      };
      return { policy, now: sample.now, history, attemptsAfterEscalation, lastResortTried };
    }),
);

/** Actions placed at a time the employer chose or at a deadline, not in a contact slot. */
const NOT_SLOTTED: NextAction[] = [
  NextAction.SEND_THANK_YOU,
  NextAction.CALL_AT_PERMISSION,
  NextAction.MARK_OUT_OF_RUNNING,
  NextAction.NONE,
  NextAction.SEND_CLOSING_THANKS,
];

function lastGapStartOf(history: ApplicationHistory): Date | null {
  const starts = history.followUps.filter(startsGap).map((followUp) => followUp.occurredAt.getTime());
  return starts.length ? new Date(Math.max(...starts)) : null;
}

function isGoodSlot(calendar: WorkingCalendar, policy: FollowUpPolicy, slot: Date): boolean {
  return isContactDay(calendar, policy, slot) && isInContactWindow(calendar, policy, slot);
}

const RANK: Record<EscalationLevel, number> = {
  [EscalationLevel.NEXT_STEP_OVERDUE]: 0,
  [EscalationLevel.HIRING_MANAGER]: 1,
  [EscalationLevel.VISIT]: 2,
  [EscalationLevel.CLOSING_LETTER]: 2,
  [EscalationLevel.OUT_OF_RUNNING]: 3,
};

describe('follow-up engine properties', () => {
  it('a contact slot is a working contact day, in a window, not before notBefore, outside the gap, and the first', () => {
    fc.assert(
      fc.property(
        placeArb.chain((place) =>
          fc.record({
            place: fc.constant(place),
            policy: policyArb(place),
            notBefore: instantArb.map((ms) => new Date(ms)),
            gapStartedBefore: fc.option(fc.integer({ min: 0, max: 20 * DAY_MS }), { nil: null }),
          }),
        ),
        ({ place, policy, notBefore, gapStartedBefore }) => {
          const calendar = new WorkingCalendar({ ...place });
          const lastGapStart = gapStartedBefore === null ? null : new Date(notBefore.getTime() - gapStartedBefore);
          const slot = firstContactSlot(calendar, policy, notBefore, lastGapStart);
          const gap = gapEnd(calendar, policy, lastGapStart);
          const earliest = gap && gap > notBefore ? gap : notBefore;
          expect(isGoodSlot(calendar, policy, slot)).toBe(true);
          expect(slot.getTime()).toBeGreaterThanOrEqual(earliest.getTime());
          // Nothing just before it would have done: it is the start of its stretch of good instants.
          const justBefore = new Date(slot.getTime() - 1);
          expect(justBefore < earliest || !isGoodSlot(calendar, policy, justBefore)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every scheduled next step lands in a contact slot and respects the gap', () => {
    fc.assert(
      fc.property(caseArb, ({ history, policy, now }) => {
        const { nextStep } = planFollowUp(history, policy, now);
        if (NOT_SLOTTED.includes(nextStep.action)) return;
        const calendar = calendarFor(history, policy);
        expect(nextStep.dueAt).not.toBeNull();
        expect(isGoodSlot(calendar, policy, nextStep.dueAt!)).toBe(true);
        // The employer named the resume date (004): like a call permission, it is not held to the gap.
        if (nextStep.action === NextAction.RESUME_AFTER_HOLD) return;
        const gap = gapEnd(calendar, policy, lastGapStartOf(history));
        if (gap) expect(nextStep.dueAt!.getTime()).toBeGreaterThanOrEqual(gap.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('raising rung after rung: each once, in ladder order, never due before its basis', () => {
    fc.assert(
      fc.property(caseArb, ({ history, policy, now, attemptsAfterEscalation, lastResortTried }) => {
        let current = history;
        const offered: EscalationRung[] = [];
        for (let round = 0; round < 10; round++) {
          const rung = planFollowUp(current, policy, now).escalation;
          if (!rung) break;
          expect(rung.dueAt.getTime()).toBeGreaterThanOrEqual(rung.basisAt.getTime());
          const sameBasis = offered.filter((earlier) => earlier.basisAt.getTime() === rung.basisAt.getTime());
          expect(sameBasis.some((earlier) => earlier.level === rung.level)).toBe(false);
          if (rung.level !== EscalationLevel.NEXT_STEP_OVERDUE) {
            const ladder = sameBasis.filter((earlier) => earlier.level !== EscalationLevel.NEXT_STEP_OVERDUE);
            for (const earlier of ladder) expect(RANK[earlier.level]).toBeLessThan(RANK[rung.level]);
            if (rung.level !== EscalationLevel.HIRING_MANAGER) {
              const managerRaised = current.escalations.some(
                (e) => e.level === EscalationLevel.HIRING_MANAGER && e.basisAt.getTime() === rung.basisAt.getTime(),
              );
              expect(managerRaised).toBe(true);
            }
          }
          offered.push(rung);
          const raisedAt = rung.dueAt > now ? rung.dueAt : now;
          // After raising, the counselor works the rung: calls to the hiring manager, then the last resort.
          const later = (days: number) => new Date(raisedAt.getTime() + days * DAY_MS);
          const worked =
            rung.level === EscalationLevel.HIRING_MANAGER
              ? Array.from({ length: attemptsAfterEscalation }, (_, k) =>
                  followUpTo('hm', later(3 * k + 1), Purpose.ESCALATION, Channel.PHONE),
                )
              : [EscalationLevel.VISIT, EscalationLevel.CLOSING_LETTER].includes(rung.level) && lastResortTried
                ? [followUpTo('hm', later(1), Purpose.VISIT, Channel.IN_PERSON)]
                : [];
          current = {
            ...current,
            followUps: [...current.followUps, ...worked],
            escalations: [
              ...current.escalations,
              { level: rung.level, basisAt: rung.basisAt, raisedAt, resolvedAt: null },
            ],
          };
        }
      }),
      { numRuns: 200 },
    );
  });

  it('temperature is within 0..100 and is the clamped sum of its reasons', () => {
    fc.assert(
      fc.property(caseArb, ({ history, policy, now }) => {
        const { score, reasons } = planFollowUp(history, policy, now).temperature;
        const sum = reasons.reduce((total, reason) => total + reason.points, 0);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(score).toBe(Math.min(100, Math.max(0, sum)));
        for (const reason of reasons) expect(reason.text).toContain(`${reason.points > 0 ? '+' : ''}${reason.points})`);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic in the history, the policy and the time', () => {
    fc.assert(
      fc.property(caseArb, ({ history, policy, now }) => {
        const once = planFollowUp(history, policy, now);
        const again = planFollowUp(structuredClone(history), structuredClone(policy), new Date(now.getTime()));
        expect(again).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });
});
