import { Injectable } from '@nestjs/common';
import { ApplicationPlanner, ApplicationsService } from '@lib/applications';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { EmployerCalendarService, EmployerContact, EmployersService } from '@lib/employers';
import { assertNotInFuture, BadUserInputError, NotFoundError } from '@lib/errors';
import { canMove } from '@lib/pipeline';
import { AgencyPolicyService } from '@lib/agency-policy';
import { checkGap, Direction, ResponseKind, startsGap } from '@lib/policy';
import { TasksService } from '@lib/tasks';
import { randomUUID } from 'node:crypto';
import { LogFollowUpInput } from './dto/log-follow-up.input';
import { FollowUp } from './follow-up.entity';
import { FollowUpTooSoon } from './follow-up.model';
import { assertResponseFields, stageAfterResponse } from './response-effects';

@Injectable()
export class FollowUpsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly employers: EmployersService,
    private readonly calendars: EmployerCalendarService,
    private readonly tasks: TasksService,
    private readonly policies: AgencyPolicyService,
    private readonly planner: ApplicationPlanner,
  ) {}

  /**
   * Logs a contact with the employer under the stalker guard. The employer's
   * row is locked first, so two contacts logged at once are checked one after
   * the other and cannot both slip inside the gap.
   */
  async log(ctx: RequestContext, input: LogFollowUpInput): Promise<FollowUp | FollowUpTooSoon> {
    const found = await this.applications.get(ctx, input.applicationId);
    assertNotInFuture('occurredAt', input.occurredAt, this.clock.now());
    if (input.response) assertResponseFields(input.response);
    const position = await this.employers.getPosition(ctx, found.positionId);
    const employer = await this.employers.lockEmployer(ctx, position.employerId);
    await this.assertContactOf(ctx, employer.id, input.contactId);

    const kind = { purpose: input.purpose, direction: input.direction ?? Direction.OUTBOUND };
    const calendar = await this.calendars.forEmployer(ctx, employer);
    const verdict = checkGap(
      calendar,
      { ...kind, at: input.occurredAt },
      await this.lastGapStart(ctx, found.candidateId, employer.id, input.occurredAt),
      (await this.policies.get(ctx)).minimumGapWorkingDays,
    );
    if (!verdict.allowed && !input.override) {
      return Object.assign(new FollowUpTooSoon(), { nextAllowedAt: verdict.nextAllowedAt, reason: verdict.reason });
    }

    const followUp: FollowUp = {
      agencyId: found.agencyId,
      id: randomUUID(),
      applicationId: found.id,
      candidateId: found.candidateId,
      employerId: employer.id,
      contactId: input.contactId,
      channel: input.channel,
      purpose: input.purpose,
      outcome: input.outcome,
      direction: kind.direction,
      occurredAt: input.occurredAt,
      responseKind: input.response?.kind ?? null,
      responseNewDecisionAt: input.response?.newDecisionAt ?? null,
      responseDelayReason: input.response?.delayReason ?? null,
      responseResumeAt: input.response?.resumeAt ?? null,
      notes: input.notes?.trim() || null,
      overrideReason: verdict.allowed ? null : input.override!.reason.trim(),
      startsGap: startsGap(kind),
      loggedByUserId: ctx.principal?.kind === 'user' ? ctx.principal.userId : null,
      createdAt: this.clock.now(),
    };
    await (await ctx.repository(FollowUp)).insert(followUp);
    await this.applyResponse(ctx, followUp, input);
    await this.audit.record(ctx, {
      action: 'follow_up.logged',
      recordType: 'follow_up',
      recordId: followUp.id,
      details: {
        applicationId: found.id,
        purpose: followUp.purpose,
        response: followUp.responseKind,
        overridden: followUp.overrideReason !== null,
      },
    });
    await this.planner.recompute(ctx, found.id);
    return followUp;
  }

  private async applyResponse(ctx: RequestContext, followUp: FollowUp, input: LogFollowUpInput): Promise<void> {
    const target = input.response ? stageAfterResponse(input.response) : null;
    if (!target) return;
    let application = await this.applications.lock(ctx, followUp.applicationId);
    if (application.stage !== target && canMove(application.stage, target)) {
      application = await this.applications.moveTo(
        ctx,
        application,
        target,
        `Employer's answer: ${input.response!.kind}`,
        followUp.occurredAt,
      );
    }
    if (input.response!.kind === ResponseKind.REFERENCES_REQUESTED) {
      await this.tasks.openSendReferences(ctx, application, followUp.occurredAt, followUp.id);
    }
  }

  /** The last contact that started a gap for this candidate at this employer, up to `at`. */
  private async lastGapStart(
    ctx: RequestContext,
    candidateId: string,
    employerId: string,
    at: Date,
  ): Promise<Date | null> {
    const [row] = await ctx.query<{ last: Date | null }>(
      `SELECT max(occurred_at) AS last FROM follow_ups
        WHERE agency_id = $1 AND candidate_id = $2 AND employer_id = $3 AND starts_gap AND occurred_at <= $4`,
      [ctx.agencyId, candidateId, employerId, at],
    );
    return row?.last ?? null;
  }

  private async assertContactOf(ctx: RequestContext, employerId: string, contactId: string): Promise<void> {
    const contact = await (await ctx.repository(EmployerContact)).findOneBy({ agencyId: ctx.agencyId!, id: contactId });
    if (!contact) throw new NotFoundError('Contact');
    if (contact.employerId !== employerId) {
      throw BadUserInputError.forField('contactId', "The contact must be one of the application's employer");
    }
  }
}
