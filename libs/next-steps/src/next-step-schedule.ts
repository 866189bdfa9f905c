import { FollowUpPlan } from '@lib/policy';

/**
 * When an application's delayed job should fire: when its next escalation
 * rung falls due (at once if it already has), or else when its next step does,
 * so the temperature and the ladder are brought up to date then. Nothing when
 * neither lies ahead: the regular sweep is the safety net.
 */
export function wakeAt(plan: FollowUpPlan, now: Date): Date | null {
  const rung = plan.escalation?.dueAt ?? null;
  const step = plan.nextStep.dueAt && plan.nextStep.dueAt > now ? plan.nextStep.dueAt : null;
  if (rung && step) return rung < step ? rung : step;
  return rung ?? step;
}
