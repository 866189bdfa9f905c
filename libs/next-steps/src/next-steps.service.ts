import { Injectable } from '@nestjs/common';
import { AgencyPolicyService } from '@lib/agency-policy';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { FollowUpPlan, planFollowUp } from '@lib/policy';
import { jobId, JobName, JobQueue } from '@lib/queue';
import { loadHistories } from './history.loader';
import { wakeAt } from './next-step-schedule';
import { settleEscalations } from './settle-escalations';

const REMOVALS_AT_ONCE = 500;

/**
 * Keeps every application's plan current: called in the transaction of each
 * event that changes an application's history, and by the jobs when time
 * alone moves things on.
 */
@Injectable()
export class NextStepsService {
  constructor(
    private readonly clock: Clock,
    private readonly policies: AgencyPolicyService,
    private readonly jobs: JobQueue,
  ) {}

  recompute(ctx: RequestContext, applicationId: string): Promise<Map<string, FollowUpPlan>> {
    return this.recomputeMany(ctx, [applicationId]);
  }

  /**
   * Plans the applications from their histories and stores the plans. The
   * applications are locked first, so two recomputations of one application
   * run one after the other and the later one reads what the earlier wrote.
   * Once the transaction commits, each application's delayed job is moved
   * to its new wake-up time.
   */
  async recomputeMany(ctx: RequestContext, applicationIds: readonly string[]): Promise<Map<string, FollowUpPlan>> {
    const plans = new Map<string, FollowUpPlan>();
    if (applicationIds.length === 0) return plans;
    const previous = await ctx.query<{ id: string; wake_at: Date | null }>(
      `SELECT a.id, n.wake_at FROM applications a
         LEFT JOIN application_next_steps n ON n.agency_id = a.agency_id AND n.application_id = a.id
        WHERE a.agency_id = $1 AND a.id = ANY($2::uuid[])
        ORDER BY a.id FOR NO KEY UPDATE OF a`,
      [ctx.agencyId, [...new Set(applicationIds)]],
    );
    const ids = previous.map((row) => row.id);
    const now = this.clock.now();
    await settleEscalations(ctx, ids, now);
    const histories = await loadHistories(ctx, ids);
    const policy = await this.policies.get(ctx);
    for (const [id, history] of histories) plans.set(id, planFollowUp(history, policy, now));
    await this.store(ctx, plans, now);
    this.reschedule(ctx, previous, plans, now);
    return plans;
  }

  private async store(ctx: RequestContext, plans: Map<string, FollowUpPlan>, now: Date): Promise<void> {
    const rows = [...plans].map(([applicationId, plan]) => ({
      application_id: applicationId,
      action: plan.nextStep.action,
      due_at: plan.nextStep.dueAt,
      contact_id: plan.nextStep.contactId,
      reason: plan.nextStep.reason,
      temperature_score: plan.temperature.score,
      temperature_reasons: plan.temperature.reasons,
      escalation_level: plan.escalation?.level ?? null,
      escalation_due_at: plan.escalation?.dueAt ?? null,
      escalation_basis_at: plan.escalation?.basisAt ?? null,
      escalation_reason: plan.escalation?.reason ?? null,
      escalation_action: plan.escalation?.recommendedAction ?? null,
      escalation_contact_id: plan.escalation?.contactId ?? null,
      wake_at: wakeAt(plan, now),
    }));
    await ctx.query(
      `INSERT INTO application_next_steps (
         agency_id, application_id, action, due_at, contact_id, reason, temperature_score, temperature_reasons,
         escalation_level, escalation_due_at, escalation_basis_at, escalation_reason, escalation_action,
         escalation_contact_id, wake_at, computed_at)
       SELECT $1, r.application_id, r.action, r.due_at, r.contact_id, r.reason, r.temperature_score, r.temperature_reasons,
              r.escalation_level, r.escalation_due_at, r.escalation_basis_at, r.escalation_reason, r.escalation_action,
              r.escalation_contact_id, r.wake_at, $3
         FROM jsonb_to_recordset($2::jsonb) AS r(
           application_id uuid, action text, due_at timestamptz, contact_id uuid, reason text,
           temperature_score smallint, temperature_reasons jsonb, escalation_level text, escalation_due_at timestamptz,
           escalation_basis_at timestamptz, escalation_reason text, escalation_action text,
           escalation_contact_id uuid, wake_at timestamptz)
       ON CONFLICT (agency_id, application_id) DO UPDATE SET
         action = EXCLUDED.action, due_at = EXCLUDED.due_at, contact_id = EXCLUDED.contact_id,
         reason = EXCLUDED.reason, temperature_score = EXCLUDED.temperature_score,
         temperature_reasons = EXCLUDED.temperature_reasons, escalation_level = EXCLUDED.escalation_level,
         escalation_due_at = EXCLUDED.escalation_due_at, escalation_basis_at = EXCLUDED.escalation_basis_at,
         escalation_reason = EXCLUDED.escalation_reason, escalation_action = EXCLUDED.escalation_action,
         escalation_contact_id = EXCLUDED.escalation_contact_id, wake_at = EXCLUDED.wake_at,
         computed_at = EXCLUDED.computed_at`,
      [ctx.agencyId, JSON.stringify(rows), now],
    );
  }

  /**
   * One delayed job per application and wake-up time: the id names both, so
   * scheduling the same time twice is a no-op, and the job of the time it
   * replaces is removed. A stale job that still fires only recomputes.
   */
  private reschedule(
    ctx: RequestContext,
    previous: Array<{ id: string; wake_at: Date | null }>,
    plans: Map<string, FollowUpPlan>,
    now: Date,
  ): void {
    const agencyId = ctx.agencyId!;
    const dueJobId = (applicationId: string, at: Date) =>
      jobId(JobName.NEXT_STEP_DUE, agencyId, applicationId, at.getTime());
    const stale: string[] = [];
    const fresh: Array<{ applicationId: string; at: Date }> = [];
    for (const { id, wake_at: before } of previous) {
      const plan = plans.get(id);
      const after = plan ? wakeAt(plan, now) : null;
      if (before && before.getTime() !== after?.getTime()) stale.push(dueJobId(id, before));
      if (after && before?.getTime() !== after.getTime()) fresh.push({ applicationId: id, at: after });
    }
    if (stale.length === 0 && fresh.length === 0) return;
    ctx.afterCommit(async () => {
      // Side by side, a chunk at a time: one after another, a sweep's thousands of removals were round trips in a row.
      for (let start = 0; start < stale.length; start += REMOVALS_AT_ONCE) {
        const chunk = stale.slice(start, start + REMOVALS_AT_ONCE);
        await Promise.all(chunk.map((id) => this.jobs.remove(JobName.NEXT_STEP_DUE, id)));
      }
      await this.jobs.addBulk(
        JobName.NEXT_STEP_DUE,
        fresh.map(({ applicationId, at }) => ({
          payload: { agencyId, applicationId },
          options: { jobId: dueJobId(applicationId, at), delay: Math.max(0, at.getTime() - now.getTime()) },
        })),
      );
    });
  }
}
