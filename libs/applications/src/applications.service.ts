import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { CandidatesService } from '@lib/candidates';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { EmployersService } from '@lib/employers';
import { assertNotInFuture, BadUserInputError, NotFoundError } from '@lib/errors';
import { allowedMoves, applicationSql, canMove, hottestFirst, soonestDueFirst, Stage } from '@lib/pipeline';
import { Connection, paginateByCreation, paginateByKey, PipelineOrder } from '@lib/graphql';
import { randomUUID } from 'node:crypto';
import { ApplicationFilter } from './dto/applications.args';
import { ApplicationPlanner } from './application-planner';
import { ApplicationStageChange } from './application-stage-change.entity';
import { Application } from './application.entity';
import { StageChangeNotAllowed } from './application.model';
import { ChangeStageInput } from './dto/change-stage.input';
import { SubmitCandidateInput } from './dto/submit-candidate.input';

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly candidates: CandidatesService,
    private readonly employers: EmployersService,
    private readonly planner: ApplicationPlanner,
  ) {}

  async submit(ctx: RequestContext, input: SubmitCandidateInput): Promise<Application> {
    const candidate = await this.candidates.get(ctx, input.candidateId);
    const position = await this.employers.getPosition(ctx, input.positionId);
    const now = this.clock.now();
    if (input.submittedAt) assertNotInFuture('submittedAt', input.submittedAt, now);
    const application: Application = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      candidateId: candidate.id,
      positionId: position.id,
      interestLevel: input.interestLevel,
      stage: Stage.SUBMITTED,
      stageChangedAt: input.submittedAt ?? now,
      createdAt: now,
    };
    await ctx.insertUnique(Application, application, () =>
      BadUserInputError.forField('positionId', 'This candidate is already submitted for this position'),
    );
    await this.recordMove(ctx, application, null, 'Submitted');
    await this.audit.record(ctx, {
      action: 'application.submitted',
      recordType: 'application',
      recordId: application.id,
      details: { candidateId: candidate.id, positionId: position.id, interestLevel: input.interestLevel },
    });
    await this.planner.recompute(ctx, application.id);
    return application;
  }

  async list(
    ctx: RequestContext,
    first: number,
    after?: string,
    filter: ApplicationFilter = {},
    order: PipelineOrder = PipelineOrder.CREATED,
  ): Promise<Connection<Application>> {
    const query = (await ctx.repository(Application))
      .createQueryBuilder('a')
      .where('a.agencyId = :agencyId', { agencyId: ctx.agencyId });
    if (filter.stage) query.andWhere('a.stage = :stage', { stage: filter.stage });
    if (filter.candidateId) query.andWhere('a.candidateId = :candidateId', { candidateId: filter.candidateId });
    if (filter.counselorId) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM candidates c WHERE c.agency_id = a.agency_id AND c.id = a.candidate_id AND c.counselor_id = :counselorId)`,
        { counselorId: filter.counselorId },
      );
    }
    if (filter.employerId) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM positions p WHERE p.agency_id = a.agency_id AND p.id = a.position_id AND p.employer_id = :employerId)`,
        { employerId: filter.employerId },
      );
    }
    const now = this.clock.now();
    if (filter.hasOpenEscalation !== undefined && filter.hasOpenEscalation !== null) {
      query.andWhere(`${filter.hasOpenEscalation ? '' : 'NOT '}${applicationSql.hasOpenEscalation}`);
    }
    if (filter.hasOverdueNextStep !== undefined && filter.hasOverdueNextStep !== null) {
      query.andWhere(`${filter.hasOverdueNextStep ? '' : 'NOT '}${applicationSql.isNextStepOverdue}`, { now });
    }
    if (order === PipelineOrder.TEMPERATURE) {
      return paginateByKey(ctx, query, first, after, {
        expression: hottestFirst(applicationSql.temperature),
        type: 'integer',
      });
    }
    if (order === PipelineOrder.DUE_AT) {
      return paginateByKey(ctx, query, first, after, {
        expression: soonestDueFirst(applicationSql.dueAt),
        type: 'timestamptz',
      });
    }
    return paginateByCreation(ctx, query, first, after);
  }

  get(ctx: RequestContext, id: string): Promise<Application> {
    return ctx.findOrFail(Application, { id }, 'Application');
  }

  /** A counselor's move: allowed by the pipeline, or answered with the moves that are. */
  async changeStage(ctx: RequestContext, input: ChangeStageInput): Promise<Application | StageChangeNotAllowed> {
    const application = await this.lock(ctx, input.applicationId);
    if (!canMove(application.stage, input.stage)) {
      return Object.assign(new StageChangeNotAllowed(), {
        from: application.stage,
        to: input.stage,
        allowed: [...allowedMoves(application.stage)],
      });
    }
    const moved = await this.moveTo(ctx, application, input.stage, input.reason ?? null);
    await this.planner.recompute(ctx, moved.id);
    return moved;
  }

  /**
   * Moves a locked application and keeps the history and the audit trail. For
   * the events that move a stage (an interview, a reference request, an
   * employer's answer), dated when the event happened, as much as for counselors.
   */
  async moveTo(
    ctx: RequestContext,
    application: Application,
    stage: Stage,
    reason: string | null,
    at: Date = this.clock.now(),
  ): Promise<Application> {
    const from = application.stage;
    const moved: Application = { ...application, stage, stageChangedAt: at };
    await (
      await ctx.repository(Application)
    ).update({ agencyId: application.agencyId, id: application.id }, { stage, stageChangedAt: moved.stageChangedAt });
    await this.recordMove(ctx, moved, from, reason);
    await this.audit.record(ctx, {
      action: 'application.stage_changed',
      recordType: 'application',
      recordId: application.id,
      details: { from, to: stage },
    });
    return moved;
  }

  /** Row lock: two moves of one application run one after the other, each from the stage the other left. */
  async lock(ctx: RequestContext, id: string): Promise<Application> {
    const application = await (
      await ctx.repository(Application)
    ).findOne({ where: { agencyId: ctx.agencyId!, id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new NotFoundError('Application');
    return application;
  }

  private async recordMove(ctx: RequestContext, application: Application, from: Stage | null, reason: string | null) {
    const principal = ctx.principal;
    await (
      await ctx.repository(ApplicationStageChange)
    ).insert({
      agencyId: application.agencyId,
      id: randomUUID(),
      applicationId: application.id,
      fromStage: from,
      toStage: application.stage,
      reason: reason?.trim() || null,
      changedByUserId: principal?.kind === 'user' ? principal.userId : null,
      changedAt: application.stageChangedAt,
    });
  }
}
