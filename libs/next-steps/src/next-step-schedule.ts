import { FollowUpPlan } from '@lib/policy';

/**
 * When an application's delayed job should fire: when its next escalation
 * rung falls due (at once if it already has), when its next step does, or
 * when time alone changes the plan (a promised date passing), whichever
 * comes first, so the temperature and the ladder are brought up to date
 * then. Nothing when none lies ahead: the regular sweep is the safety net.
 */
export function wakeAt(plan: FollowUpPlan, now: Date): Date | null {
  const future = (moment: Date | null) => (moment && moment > now ? moment : null);
  const moments = [plan.escalation?.dueAt ?? null, future(plan.nextStep.dueAt), future(plan.revisitAt)].filter(
    (moment): moment is Date => moment !== null,
  );
  return moments.length > 0 ? new Date(Math.min(...moments.map((moment) => moment.getTime()))) : null;
}
