import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContextFactory } from '@lib/context';
import { NextStepsService } from '@lib/next-steps';
import { NotificationKick } from '@lib/notifications';
import { AgencyFanOut, HandlesJob, JobHandler, JobName, JobPayloads } from '@lib/queue';
import type { Job } from 'bullmq';
import { EscalationRaiser } from '../escalation-raiser';

/**
 * Regularly, and on demand: one escalation job per agency with a rung due or
 * a notification waiting (see the migration DueEscalationProbe), so that a
 * steady day costs an index probe per agency rather than a job each.
 */
@Injectable()
@HandlesJob(JobName.ESCALATION_SWEEP)
export class EscalationSweepJob implements JobHandler<JobPayloads[JobName.ESCALATION_SWEEP]> {
  constructor(
    private readonly fanOut: AgencyFanOut,
    private readonly clock: Clock,
  ) {}

  run(_payload: JobPayloads[JobName.ESCALATION_SWEEP], job: Job): Promise<number> {
    return this.fanOut.enqueueForAgenciesFrom(
      job,
      JobName.ESCALATE_AGENCY,
      'SELECT agencies_with_due_escalations($1) AS id',
      [this.clock.now()],
    );
  }
}

/** One agency's due rungs, raised set-based in that agency's transaction. */
@Injectable()
@HandlesJob(JobName.ESCALATE_AGENCY)
export class EscalateAgencyJob implements JobHandler<JobPayloads[JobName.ESCALATE_AGENCY]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly raiser: EscalationRaiser,
    private readonly kick: NotificationKick,
  ) {}

  async run(payload: JobPayloads[JobName.ESCALATE_AGENCY]): Promise<{ raised: number }> {
    const raised = await this.contexts.runForAgency(payload.agencyId, JobName.ESCALATE_AGENCY, async (ctx) => {
      const raised = await this.raiser.raiseDue(ctx);
      // The sweep is also the safety net of delivery: a lost wake-up job leaves nothing waiting for long.
      if (await this.kick.hasPending(ctx)) this.kick.afterCommit(ctx);
      return raised;
    });
    return { raised: raised.length };
  }
}

/**
 * An application's wake-up time came: raise its rung if one fell due, and
 * plan it again, since time alone changes its temperature and next step.
 */
@Injectable()
@HandlesJob(JobName.NEXT_STEP_DUE)
export class NextStepDueJob implements JobHandler<JobPayloads[JobName.NEXT_STEP_DUE]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly raiser: EscalationRaiser,
    private readonly nextSteps: NextStepsService,
  ) {}

  async run(payload: JobPayloads[JobName.NEXT_STEP_DUE]): Promise<{ raised: number }> {
    return this.contexts.runForAgency(payload.agencyId, JobName.NEXT_STEP_DUE, async (ctx) => {
      const exists = await ctx.query('SELECT 1 FROM applications WHERE agency_id = $1 AND id = $2', [
        ctx.agencyId,
        payload.applicationId,
      ]);
      if (exists.length === 0) return { raised: 0 };
      const raised = await this.raiser.raiseDue(ctx, [payload.applicationId]);
      if (raised.length === 0) await this.nextSteps.recompute(ctx, payload.applicationId);
      return { raised: raised.length };
    });
  }
}
