import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { BadUserInputError, NotFoundError } from '@lib/errors';
import { Connection, paginateByCreation } from '@lib/graphql';
import { NextStepsService } from '@lib/next-steps';
import { EscalationFilter } from './dto/escalations.args';
import { ResolveEscalationInput } from './dto/resolve-escalation.input';
import { Escalation } from './escalation.entity';
import { EscalationResolution } from './escalation-resolution';

@Injectable()
export class EscalationsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly nextSteps: NextStepsService,
  ) {}

  async list(
    ctx: RequestContext,
    first: number,
    after?: string,
    filter: EscalationFilter = {},
  ): Promise<Connection<Escalation>> {
    const query = (await ctx.repository(Escalation))
      .createQueryBuilder('e')
      .where('e.agencyId = :agencyId', { agencyId: ctx.agencyId });
    if (filter.open === true) query.andWhere('e.resolvedAt IS NULL');
    if (filter.open === false) query.andWhere('e.resolvedAt IS NOT NULL');
    if (filter.assigneeId) query.andWhere('e.assigneeUserId = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.applicationId) {
      query.andWhere('e.applicationId = :applicationId', { applicationId: filter.applicationId });
    }
    return paginateByCreation(ctx, query, first, after, 'raisedAt');
  }

  /** A counselor closes an escalation; the application's next step is planned again without it. */
  async resolve(ctx: RequestContext, input: ResolveEscalationInput): Promise<Escalation> {
    const repository = await ctx.repository(Escalation);
    const escalation = await repository.findOne({
      where: { agencyId: ctx.agencyId!, id: input.escalationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!escalation) throw new NotFoundError('Escalation');
    if (escalation.resolvedAt) {
      throw BadUserInputError.forField('escalationId', 'This escalation is already resolved');
    }
    const resolved: Escalation = {
      ...escalation,
      resolvedAt: this.clock.now(),
      resolution: input.resolution as unknown as EscalationResolution,
      resolutionNotes: input.notes?.trim() || null,
      resolvedByUserId: ctx.user.userId,
    };
    await repository.update(
      { agencyId: escalation.agencyId, id: escalation.id },
      {
        resolvedAt: resolved.resolvedAt,
        resolution: resolved.resolution,
        resolutionNotes: resolved.resolutionNotes,
        resolvedByUserId: resolved.resolvedByUserId,
      },
    );
    await this.audit.record(ctx, {
      action: 'escalation.resolved',
      recordType: 'escalation',
      recordId: escalation.id,
      details: { applicationId: escalation.applicationId, level: escalation.level, resolution: input.resolution },
    });
    await this.nextSteps.recompute(ctx, escalation.applicationId);
    return resolved;
  }
}
