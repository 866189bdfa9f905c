import { NextAction, planFollowUp } from '@lib/policy';
import { wakeAt } from '../../libs/next-steps/src/next-step-schedule';
import { afterHrEmail, at, ukPolicy } from './follow-up-engine.fixtures';

describe('when time alone changes a plan', () => {
  const promised = afterHrEmail({
    debriefs: [
      {
        heldAt: at('2026-11-26T18:00'),
        promisedDecisionAt: at('2026-12-04T17:00'),
        designatedContactId: null,
        callPermission: null,
      },
    ],
  });

  it('revisits an application when its promised decision date passes, and then calls (003)', () => {
    const before = planFollowUp(promised, ukPolicy(), at('2026-12-02T10:00'));
    expect(before.nextStep.action).not.toBe(NextAction.CALL_PROMISED_DATE_PASSED);
    expect(before.revisitAt).toEqual(at('2026-12-04T17:00'));
    const after = planFollowUp(promised, ukPolicy(), at('2026-12-04T17:01'));
    expect(after.nextStep.action).toBe(NextAction.CALL_PROMISED_DATE_PASSED);
  });

  it('wakes the application at the earliest of its rung, its due step and its revisit, never in the past but for a rung', () => {
    const now = at('2026-12-02T10:00');
    const plan = planFollowUp(promised, ukPolicy(), now);
    const expected = Math.min(
      ...[plan.escalation?.dueAt, plan.nextStep.dueAt, plan.revisitAt]
        .filter((moment): moment is Date => !!moment && moment > now)
        .map((moment) => moment.getTime()),
    );
    expect(wakeAt(plan, now)?.getTime()).toBe(expected);
    expect(wakeAt(plan, now)!.getTime()).toBeLessThanOrEqual(at('2026-12-04T17:00').getTime());
    const overdueRung = { ...plan, escalation: { ...plan.escalation!, dueAt: at('2026-12-01T00:00') } };
    expect(wakeAt(overdueRung, now)).toEqual(at('2026-12-01T00:00'));
    const nothingAhead = {
      ...plan,
      escalation: null,
      revisitAt: null,
      nextStep: { ...plan.nextStep, dueAt: at('2026-12-01T08:00') },
    };
    expect(wakeAt(nothingAhead, now)).toBeNull();
  });
});
