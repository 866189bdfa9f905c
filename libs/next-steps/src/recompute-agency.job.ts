import { Injectable } from '@nestjs/common';
import { RequestContextFactory } from '@lib/context';
import { CLOSED_STAGES } from '@lib/pipeline';
import { HandlesJob, JobHandler, JobName, JobPayloads } from '@lib/queue';
import { NextStepsService } from './next-steps.service';

const BATCH = 500;

/**
 * Plans every open application of an agency again, after its policy changed.
 * In batches, each its own transaction, so a large agency never holds one
 * long transaction; a retried job simply plans them again.
 */
@Injectable()
@HandlesJob(JobName.RECOMPUTE_AGENCY)
export class RecomputeAgencyJob implements JobHandler<JobPayloads[JobName.RECOMPUTE_AGENCY]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly nextSteps: NextStepsService,
  ) {}

  async run(payload: JobPayloads[JobName.RECOMPUTE_AGENCY]): Promise<{ recomputed: number }> {
    let after = '00000000-0000-0000-0000-000000000000';
    let recomputed = 0;
    for (;;) {
      const count = await this.contexts.runForAgency(payload.agencyId, JobName.RECOMPUTE_AGENCY, async (ctx) => {
        const ids = await ctx.query<{ id: string }>(
          `SELECT id FROM applications WHERE agency_id = $1 AND id > $2 AND stage <> ALL($3::text[])
            ORDER BY id LIMIT $4`,
          [ctx.agencyId, after, CLOSED_STAGES, BATCH],
        );
        if (ids.length > 0) after = ids[ids.length - 1]!.id;
        await this.nextSteps.recomputeMany(
          ctx,
          ids.map((row) => row.id),
        );
        return ids.length;
      });
      recomputed += count;
      if (count < BATCH) return { recomputed };
    }
  }
}
